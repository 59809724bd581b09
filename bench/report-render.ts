import { performance } from 'node:perf_hooks';
import { renderReportHtml } from '../apps/evaluation/src/reports/render-report-html';
import { renderReportJson } from '../apps/evaluation/src/reports/render-report-json';
import { sampleReport } from '../apps/evaluation/src/reports/report-sample.testing';
import { Figure, figure, percentile, printTable } from './report';

const ROWS = 1000;
const RUNS = 5;

/**
 * Rendering an evaluation report of 1,000 generated questions: the HTML page and its JSON twin,
 * each the median of 5 runs after one warm-up, and the page's size. Pure CPU, no infrastructure.
 */
export async function benchReportRender(): Promise<Figure[]> {
  const data = sampleReport(ROWS);
  renderReportHtml(data);
  renderReportJson(data);
  const html: number[] = [];
  const json: number[] = [];
  const both: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    // Let other work (timers, I/O) run between samples rather than inside one.
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    const page = renderReportHtml(data);
    const htmlDone = performance.now();
    renderReportJson(data);
    const jsonDone = performance.now();
    html.push(htmlDone - started);
    json.push(jsonDone - htmlDone);
    both.push(jsonDone - started);
    bytes = Buffer.byteLength(page);
  }
  return [
    figure(`evaluation report render, HTML + JSON, ${ROWS} rows (median of ${RUNS})`, percentile(both, 50), 'ms'),
    figure(`evaluation report render, HTML, ${ROWS} rows`, percentile(html, 50), 'ms'),
    figure(`evaluation report render, JSON, ${ROWS} rows`, percentile(json, 50), 'ms'),
    figure(`evaluation report HTML size, ${ROWS} rows`, bytes / 1024, 'KB'),
  ];
}

// `node -r @swc-node/register bench/report-render.ts` runs this part alone.
if (require.main === module) {
  benchReportRender().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
