import { escapeHtml } from './html-escape.util';
import { latencyHistogram, perQuestionChart, scoreHistogram } from './report-charts';
import { MetricInfo, ReportData, ReportRow, shownMetrics } from './report-data';
import { formatCount, formatMs, formatScore, formatTimestamp, formatUsd } from './report-format.util';
import { REPORT_CSS } from './report-styles';
import { MetricSummary, ReportSummary, sortedValues, summarizeReport } from './report-summary';
import { renderTable } from './report-table';

/** The report page allows no source at all but its own inline styles (and data: images). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The `data-chart` names of the charts a report of these rows has, in page order. */
export function reportChartNames(rows: readonly ReportRow[]): string[] {
  return [...shownMetrics(rows).map((m) => `histogram-${m.key}`), 'latency', 'per-question'];
}

/**
 * One self-contained HTML5 page: no script, no external resource, charts drawn as inline SVG.
 * Every piece of text from `data` is escaped; links are made only for http(s) source URLs.
 */
export function renderReportHtml(data: ReportData): string {
  const summary = summarizeReport(data.rows);
  const metrics = shownMetrics(data.rows);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)} · evaluation report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderHeader(data, summary)}
<main class="wrap">
<section aria-label="Summary"><div class="cards">${renderCards(summary, metrics)}</div></section>
<section aria-labelledby="charts-title"><h2 id="charts-title">Charts</h2>
<div class="charts">${renderCharts(data.rows, summary, metrics)}</div></section>
<section aria-labelledby="questions-title"><h2 id="questions-title">Questions (${formatCount(data.rows.length)})</h2>
${renderTable(data.rows, metrics)}
</section>
</main>
<footer class="wrap">Scores are in [0, 1]; for hallucination lower is better. Percentiles are nearest-rank. Means leave out questions without a score.</footer>
</body>
</html>
`;
}

function renderHeader(data: ReportData, summary: ReportSummary): string {
  const counts = `${formatCount(summary.rows)} questions · ${formatCount(summary.scored)} scored · ${formatCount(summary.failed)} failed`;
  return `<header><div class="wrap">
<h1>${escapeHtml(data.title)}</h1>
<div class="meta">
<span>Evaluation <b class="mono">${escapeHtml(data.evaluationId)}</b></span>
<span>Tenant <b class="mono">${escapeHtml(data.tenantId)}</b></span>
<span>Judge <b>${escapeHtml(data.judge)}</b></span>
<span>Created <b><time datetime="${escapeHtml(data.createdAt)}">${escapeHtml(formatTimestamp(data.createdAt))}</time></b></span>
<span><b>${escapeHtml(counts)}</b></span>
</div></div></header>`;
}

function card(label: string, value: string, sub: string, extra = '', className = 'card'): string {
  return `<div class="${className}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="sub">${escapeHtml(sub)}</div>${extra}</div>`;
}

function metricCard(metric: MetricInfo, stats: MetricSummary): string {
  const sub =
    stats.count === 0
      ? 'no scores'
      : `n ${formatCount(stats.count)} · p50 ${formatScore(stats.p50)} · p90 ${formatScore(stats.p90)}${metric.higherIsBetter ? '' : ' · lower is better'}`;
  const gauge =
    stats.mean === null
      ? ''
      : `<div class="gauge"><span style="width:${Math.round(Math.min(1, Math.max(0, stats.mean)) * 100)}%"></span></div>`;
  return card(metric.label, formatScore(stats.mean), sub, gauge);
}

function renderCards(summary: ReportSummary, metrics: readonly MetricInfo[]): string {
  const latency = summary.latencyMs;
  const cost = summary.costUsd;
  return [
    ...metrics.map((m) => metricCard(m, summary.metrics[m.key])),
    card('Latency p50', formatMs(latency.p50), `p95 ${formatMs(latency.p95)} · p99 ${formatMs(latency.p99)}`),
    card('Cost', formatUsd(cost.total), `mean ${formatUsd(cost.mean)} per question`),
    card(
      'Failed',
      formatCount(summary.failed),
      `of ${formatCount(summary.rows)} questions`,
      '',
      summary.failed > 0 ? 'card bad' : 'card',
    ),
  ].join('');
}

/** `captionHtml` is markup (already escaped); `sub` is text. */
function figure(chart: string, captionHtml: string, sub: string, wide = false): string {
  return `<figure class="chart${wide ? ' wide' : ''}"><figcaption>${captionHtml}<span class="sub">${escapeHtml(sub)}</span></figcaption>${chart}</figure>`;
}

function renderCharts(rows: readonly ReportRow[], summary: ReportSummary, metrics: readonly MetricInfo[]): string {
  const histograms = metrics.map((m) => {
    const stats = summary.metrics[m.key];
    const sub = stats.count === 0 ? 'no scores' : `n ${formatCount(stats.count)} · mean ${formatScore(stats.mean)}`;
    const values = sortedValues(rows, (r) => r.scores[m.key]);
    return figure(scoreHistogram(m.key, m.label, values), escapeHtml(m.label), sub);
  });
  const latency = summary.latencyMs;
  const markers = [
    { value: latency.p50, label: 'p50' },
    { value: latency.p95, label: 'p95' },
  ].flatMap((m) => (m.value === null ? [] : [{ value: m.value, label: m.label }]));
  const latencies = sortedValues(rows, (r) => r.latencyMs);
  const latencyFigure = figure(
    latencyHistogram(latencies, markers),
    'Latency',
    latency.count === 0
      ? 'no latencies'
      : `n ${formatCount(latency.count)} · p50 ${formatMs(latency.p50)} · p95 ${formatMs(latency.p95)} · p99 ${formatMs(latency.p99)}`,
    true,
  );
  const legend =
    'Faithfulness vs hallucination per question<span class="sub"><span class="swatch sw-faithfulness"></span>faithfulness' +
    '<span class="swatch sw-hallucination"></span>hallucination</span>';
  const failedNote = rows.some((r) => r.status === 'failed') ? 'shaded: failed' : '';
  const perQuestion = figure(perQuestionChart(rows), legend, failedNote, true);
  return [...histograms, latencyFigure, perQuestion].join('\n');
}
