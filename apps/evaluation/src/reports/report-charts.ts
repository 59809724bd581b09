import { escapeHtml } from './html-escape.util';
import { finiteOrNull, MetricKey, ReportRow } from './report-data';
import { formatMsTick, formatScore, px } from './report-format.util';

/**
 * Charts as inline SVG, drawn here so the report needs no script. Every chart is an
 * `<svg role="img" aria-label=... data-chart=...>`; bars carry a `<title>` for a native tooltip.
 */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

interface Box {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const SCORE_BINS = 10;
const LATENCY_TARGET_BINS = 12;
/** Up to this many questions get a pair of bars each; more get a dot strip. */
export const PER_QUESTION_BARS_MAX = 60;

const HISTOGRAM_BOX: Box = { width: 360, height: 190, top: 12, right: 10, bottom: 26, left: 34 };
const LATENCY_BOX: Box = { width: 1120, height: 190, top: 18, right: 16, bottom: 26, left: 40 };
const PER_QUESTION_BOX: Box = { width: 1120, height: 220, top: 12, right: 16, bottom: 26, left: 40 };

/** Ten bins over [0, 1]; a score of exactly 1 falls in the last. Out-of-range scores are clamped. */
export function scoreBins(values: readonly number[]): HistogramBin[] {
  const bins = Array.from({ length: SCORE_BINS }, (_, i) => ({
    from: i / SCORE_BINS,
    to: (i + 1) / SCORE_BINS,
    count: 0,
  }));
  for (const value of values) {
    // The epsilon keeps 0.3 (0.29999...) out of the 0.2 bin.
    const index = Math.floor(value * SCORE_BINS + 1e-9);
    bins[Math.min(SCORE_BINS - 1, Math.max(0, index))].count++;
  }
  return bins;
}

/** A 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** About a dozen bins of a round width over the latencies' range (ascending input). */
export function latencyBins(sorted: readonly number[]): HistogramBin[] {
  if (sorted.length === 0) return [];
  const min = Math.max(0, sorted[0]);
  const max = Math.max(min, sorted[sorted.length - 1]);
  const width = Math.max(1, niceStep((max - min) / LATENCY_TARGET_BINS));
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.floor((max - start) / width) + 1);
  const bins = Array.from({ length: count }, (_, i) => ({
    from: start + i * width,
    to: start + (i + 1) * width,
    count: 0,
  }));
  for (const value of sorted) bins[Math.min(count - 1, Math.max(0, Math.floor((value - start) / width)))].count++;
  return bins;
}

function countTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(niceStep(Math.max(1, max) / 4)));
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(tick);
  return ticks;
}

function open(name: string, box: Box, label: string, extra = ''): string {
  return (
    `<svg role="img" aria-label="${escapeHtml(label)}" data-chart="${escapeHtml(name)}"${extra} ` +
    `viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}">`
  );
}

function emptyChart(name: string, box: Box, label: string, text: string): string {
  return (
    open(name, box, label) +
    `<text class="empty" x="${box.width / 2}" y="${box.height / 2}" text-anchor="middle">${escapeHtml(text)}</text></svg>`
  );
}

export interface HistogramOptions {
  name: string;
  label: string;
  bins: HistogramBin[];
  barClass: string;
  box: Box;
  formatEdge: (value: number) => string;
  /** Show an edge label every this many bins. */
  labelEvery: number;
  markers?: { value: number; label: string }[];
  unit: string;
}

function histogram(options: HistogramOptions): string {
  const { name, bins, box } = options;
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return emptyChart(name, box, `${options.label}: no values`, 'no values');
  const counts = bins.map((bin) => bin.count).join(', ');
  const label = `${options.label}: ${total} ${options.unit} in ${bins.length} bins from ${options.formatEdge(bins[0].from)} to ${options.formatEdge(bins[bins.length - 1].to)}; counts ${counts}`;
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const baseline = box.top + plotHeight;
  const ticks = countTicks(Math.max(...bins.map((bin) => bin.count)));
  const yMax = ticks[ticks.length - 1];
  const y = (count: number) => baseline - (count / yMax) * plotHeight;
  const binWidth = plotWidth / bins.length;
  const x = (value: number) =>
    box.left + ((value - bins[0].from) / (bins[bins.length - 1].to - bins[0].from)) * plotWidth;

  const parts: string[] = [open(name, box, label)];
  for (const tick of ticks) {
    parts.push(
      `<line class="grid" x1="${box.left}" x2="${box.width - box.right}" y1="${px(y(tick))}" y2="${px(y(tick))}"/>`,
      `<text class="tick" x="${box.left - 5}" y="${px(y(tick) + 3)}" text-anchor="end">${tick}</text>`,
    );
  }
  bins.forEach((bin, i) => {
    if (bin.count > 0) {
      const top = y(bin.count);
      const range = `${options.formatEdge(bin.from)}–${options.formatEdge(bin.to)}`;
      parts.push(
        `<rect class="${options.barClass}" x="${px(box.left + i * binWidth + 1)}" y="${px(top)}" width="${px(Math.max(1, binWidth - 2))}" height="${px(baseline - top)}">` +
          `<title>${escapeHtml(`${range}: ${bin.count}`)}</title></rect>`,
      );
    }
    if (i % options.labelEvery === 0)
      parts.push(
        `<text class="tick" x="${px(box.left + i * binWidth)}" y="${baseline + 15}" text-anchor="middle">${escapeHtml(options.formatEdge(bin.from))}</text>`,
      );
  });
  if (bins.length % options.labelEvery === 0)
    parts.push(
      `<text class="tick" x="${px(box.left + plotWidth)}" y="${baseline + 15}" text-anchor="end">${escapeHtml(options.formatEdge(bins[bins.length - 1].to))}</text>`,
    );
  for (const marker of options.markers ?? []) {
    const at = px(x(marker.value));
    parts.push(
      `<line class="marker" x1="${at}" x2="${at}" y1="${box.top - 4}" y2="${baseline}"/>`,
      `<text class="marker-label" x="${px(x(marker.value) + 3)}" y="${box.top + 4}">${escapeHtml(marker.label)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${box.left}" x2="${box.width - box.right}" y1="${baseline}" y2="${baseline}"/></svg>`,
  );
  return parts.join('');
}

export function scoreHistogram(metric: MetricKey, label: string, values: readonly number[]): string {
  return histogram({
    name: `histogram-${metric}`,
    label: `${label} histogram`,
    bins: scoreBins(values),
    barClass: `bar-${metric}`,
    box: HISTOGRAM_BOX,
    formatEdge: (value) => value.toFixed(1),
    labelEvery: 2,
    unit: 'scores',
  });
}

export function latencyHistogram(sorted: readonly number[], markers: { value: number; label: string }[]): string {
  const bins = latencyBins(sorted);
  return histogram({
    name: 'latency',
    label: 'Latency histogram',
    bins,
    barClass: 'bar-latency',
    box: LATENCY_BOX,
    formatEdge: formatMsTick,
    labelEvery: Math.max(1, Math.ceil(bins.length / 8)),
    markers,
    unit: 'answers',
  });
}

/**
 * Faithfulness next to hallucination for each question, in table order: a pair of bars linking to
 * the question's row, or for many questions a strip of dots (one column per question).
 */
export function perQuestionChart(rows: readonly ReportRow[]): string {
  const box = PER_QUESTION_BOX;
  const name = 'per-question';
  if (rows.length === 0)
    return emptyChart(name, box, 'Faithfulness and hallucination per question: no questions', 'no questions');
  const bars = rows.length <= PER_QUESTION_BARS_MAX;
  const label = `Faithfulness and hallucination per question, ${rows.length} questions in table order, as ${bars ? 'bars' : 'dots'}`;
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const baseline = box.top + plotHeight;
  const y = (score: number) => baseline - Math.min(1, Math.max(0, score)) * plotHeight;
  const column = plotWidth / rows.length;
  const parts: string[] = [open(name, box, label, ` data-variant="${bars ? 'bars' : 'dots'}"`)];

  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line class="grid" x1="${box.left}" x2="${box.width - box.right}" y1="${px(y(tick))}" y2="${px(y(tick))}"/>`,
      `<text class="tick" x="${box.left - 5}" y="${px(y(tick) + 3)}" text-anchor="end">${tick}</text>`,
    );
  }
  rows.forEach((row, i) => {
    if (row.status === 'failed')
      parts.push(
        `<rect class="failed-band" x="${px(box.left + i * column)}" y="${box.top}" width="${px(Math.max(1, column))}" height="${plotHeight}"/>`,
      );
  });
  if (bars) parts.push(...pairedBars(rows, box, column, y));
  else parts.push(...dotStrip(rows, box, column, y));

  const labelEvery = Math.max(1, Math.ceil(rows.length / (bars ? 30 : 10)));
  for (let i = 0; i < rows.length; i++) {
    if (i % labelEvery !== 0 && i !== rows.length - 1) continue;
    parts.push(
      `<text class="tick" x="${px(box.left + (i + 0.5) * column)}" y="${baseline + 15}" text-anchor="middle">${i + 1}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${box.left}" x2="${box.width - box.right}" y1="${baseline}" y2="${baseline}"/></svg>`,
  );
  return parts.join('');
}

function pairedBars(rows: readonly ReportRow[], box: Box, column: number, y: (score: number) => number): string[] {
  const baseline = y(0);
  const barWidth = Math.min(16, column * 0.36);
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const centre = box.left + (i + 0.5) * column;
    const faithfulness = finiteOrNull(row.scores.faithfulness);
    const hallucination = finiteOrNull(row.scores.hallucination);
    const title = `#${i + 1}: faithfulness ${formatScore(faithfulness)}, hallucination ${formatScore(hallucination)}${row.status === 'failed' ? ' (failed)' : ''}`;
    parts.push(`<a href="#q-${i + 1}"><title>${escapeHtml(title)}</title>`);
    // An invisible hit area so an empty or short column still links to its row.
    parts.push(
      `<rect x="${px(centre - column / 2)}" y="${box.top}" width="${px(column)}" height="${px(baseline - box.top)}" fill="transparent"/>`,
    );
    if (faithfulness !== null)
      parts.push(
        `<rect class="bar-faithfulness" x="${px(centre - barWidth - 1)}" y="${px(y(faithfulness))}" width="${px(barWidth)}" height="${px(baseline - y(faithfulness))}"/>`,
      );
    if (hallucination !== null)
      parts.push(
        `<rect class="bar-hallucination" x="${px(centre + 1)}" y="${px(y(hallucination))}" width="${px(barWidth)}" height="${px(baseline - y(hallucination))}"/>`,
      );
    parts.push('</a>');
  });
  return parts;
}

/** One path per series of zero-length segments with round caps: a dot each, a few bytes per question. */
function dotStrip(rows: readonly ReportRow[], box: Box, column: number, y: (score: number) => number): string[] {
  const diameter = Math.min(6, Math.max(2.5, column));
  const series = (metric: 'faithfulness' | 'hallucination') => {
    const moves: string[] = [];
    rows.forEach((row, i) => {
      const score = finiteOrNull(row.scores[metric]);
      if (score !== null) moves.push(`M${px(box.left + (i + 0.5) * column)} ${px(y(score))}h0`);
    });
    return moves.length === 0
      ? ''
      : `<path class="dots dots-${metric}" stroke-width="${px(diameter)}" d="${moves.join('')}"/>`;
  };
  return [series('hallucination'), series('faithfulness')];
}
