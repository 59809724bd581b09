import { escapeHtml, linkableUrl } from './html-escape.util';
import { finiteOrNull, MetricInfo, ReportRow, ReportSource } from './report-data';
import { formatMs, formatScore, formatUsd, MISSING } from './report-format.util';

const SHORT_LABELS: Record<string, string> = {
  faithfulness: 'Faith.',
  relevance: 'Relev.',
  coverage: 'Cover.',
  hallucination: 'Halluc.',
  contextPrecision: 'Ctx P',
  contextRecall: 'Ctx R',
};

/** The per-question table; row `i` has the id `q-<i+1>` that the per-question chart links to. */
export function renderTable(rows: readonly ReportRow[], metrics: readonly MetricInfo[]): string {
  const head = [
    '<th class="num">#</th><th class="col-q">Question</th><th class="col-a">Answer</th><th class="col-s">Sources</th>',
    ...metrics.map(
      (m) => `<th class="num"><abbr title="${escapeHtml(m.label)}">${escapeHtml(SHORT_LABELS[m.key])}</abbr></th>`,
    ),
    '<th class="num">Latency</th><th class="num">Cost</th><th>Status</th>',
  ].join('');
  const body = rows.map((row, i) => renderRow(row, i, metrics)).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function renderRow(row: ReportRow, index: number, metrics: readonly MetricInfo[]): string {
  const failed = row.status === 'failed';
  const expected =
    row.expectedAnswer === null
      ? ''
      : `<details><summary>Expected answer</summary><div class="text">${escapeHtml(row.expectedAnswer)}</div></details>`;
  const cells = [
    `<td class="num">${index + 1}</td>`,
    `<td class="text"><div class="clip">${escapeHtml(row.question)}</div></td>`,
    `<td class="text"><div class="clip">${row.answer === '' ? `<span class="muted">${MISSING}</span>` : escapeHtml(row.answer)}</div>${expected}</td>`,
    `<td>${renderSources(row.sources)}</td>`,
    ...metrics.map((m) => scoreCell(finiteOrNull(row.scores[m.key]), m.higherIsBetter)),
    `<td class="num">${escapeHtml(formatMs(finiteOrNull(row.latencyMs)))}</td>`,
    `<td class="num">${escapeHtml(formatUsd(finiteOrNull(row.costUsd)))}</td>`,
    `<td><span class="status ${failed ? 'failed' : 'scored'}">${failed ? 'failed' : 'scored'}</span>` +
      (row.error === null ? '' : `<div class="error">${escapeHtml(row.error)}</div>`) +
      '</td>',
  ];
  return `<tr id="q-${index + 1}"${failed ? ' class="failed"' : ''}>${cells.join('')}</tr>`;
}

/** Tinted from worst (t0) to best (t4); for hallucination a low score is the good one. */
function scoreCell(score: number | null, higherIsBetter: boolean): string {
  if (score === null) return `<td class="num muted">${MISSING}</td>`;
  const bucket = Math.min(4, Math.max(0, Math.floor(score * 5)));
  return `<td class="num t${higherIsBetter ? bucket : 4 - bucket}">${escapeHtml(formatScore(score))}</td>`;
}

function renderSources(sources: readonly ReportSource[]): string {
  if (sources.length === 0) return `<span class="muted">none</span>`;
  const items = sources.map((source) => {
    const citation =
      source.citation === null ? '' : `<span class="muted">[${escapeHtml(String(source.citation))}]</span> `;
    const href = linkableUrl(source.url);
    const objectId = escapeHtml(source.objectId);
    const object =
      href === null
        ? `<span class="id mono" title="object ${objectId}">${objectId}</span>`
        : `<a class="id mono" href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank" title="object ${objectId}">${objectId}</a>`;
    const chunkId = escapeHtml(source.chunkId);
    const score = finiteOrNull(source.score);
    return (
      `<li><div>${citation}${object}` +
      (score === null ? '' : ` <span class="muted">${escapeHtml(score.toFixed(2))}</span>`) +
      `</div><div class="chunk muted">chunk <span class="id mono" title="chunk ${chunkId}">${chunkId}</span></div></li>`
    );
  });
  return `<ol class="sources">${items.join('')}</ol>`;
}
