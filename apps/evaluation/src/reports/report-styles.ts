import { MetricKey } from './report-data';

/**
 * One colour per metric, the same in every chart (colour-blind safe hues). Each is used solid only
 * in the charts: the browser test finds the first chart by its exact faithfulness colour.
 */
export const METRIC_COLOURS: Readonly<Record<MetricKey, string>> = {
  faithfulness: '#2b6cb0',
  relevance: '#2f855a',
  coverage: '#6b46c1',
  hallucination: '#dd6b20',
  contextPrecision: '#b83280',
  contextRecall: '#8a6d1d',
};

export const LATENCY_COLOUR = '#4a5568';
export const PAGE_BACKGROUND = '#f4f5f7';

/** Score cell tints, worst to best. */
const TINTS = ['#fbd5d2', '#fde4c8', '#fdf3c4', '#dcefd6', '#c3e6c8'];

function metricRules(): string {
  return Object.entries(METRIC_COLOURS)
    .map(([key, colour]) => `.bar-${key}{fill:${colour}}.dots-${key}{stroke:${colour}}.sw-${key}{background:${colour}}`)
    .join('');
}

/** Inline stylesheet: the report loads nothing (its CSP allows no other source). */
export const REPORT_CSS = `
*{box-sizing:border-box}
html{background:${PAGE_BACKGROUND}}
body{margin:0;color:#1a202c;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
.wrap{max-width:1200px;margin:0 auto;padding:0 24px}
header{background:#1e293b;color:#f1f5f9;padding:22px 0 18px}
h1{margin:0 0 6px;font-size:22px;font-weight:600;overflow-wrap:anywhere}
h2{font-size:16px;margin:28px 0 12px;font-weight:600}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;color:#cbd5e1}
.meta b{color:#f8fafc;font-weight:600}
code,.mono{font-family:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:12px;margin-top:20px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 14px}
.card .label{font-size:12px;color:#64748b;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:24px;font-weight:600;margin:2px 0}
.card .sub{font-size:12px;color:#64748b}
.gauge{height:4px;background:#e2e8f0;border-radius:2px;margin-top:6px;overflow:hidden}
.gauge span{display:block;height:100%;background:#94a3b8}
.card.bad .value{color:#c53030}
.charts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:14px}
.chart{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px 6px;margin:0}
.chart.wide{grid-column:1/-1}
.chart figcaption{font-size:13px;font-weight:600;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.chart figcaption .sub{font-weight:400;color:#64748b;font-size:12px}
.chart svg{display:block;width:100%;height:auto;margin-top:4px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 8px;vertical-align:-1px}
.axis{stroke:#94a3b8;stroke-width:1}
.grid{stroke:#e2e8f0;stroke-width:1}
.tick{font-size:10px;fill:#64748b}
.empty{font-size:12px;fill:#94a3b8}
.marker{stroke:#1a202c;stroke-width:1;stroke-dasharray:3 3}
.marker-label{font-size:10px;fill:#1a202c}
.bar-latency{fill:${LATENCY_COLOUR}}
.failed-band{fill:#fde8e8}
.dots{fill:none;stroke-linecap:round;stroke-opacity:.8}
${metricRules()}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e2e8f0;font-size:12.5px;margin-bottom:40px}
th,td{padding:6px 8px;border-bottom:1px solid #edf2f7;text-align:left;vertical-align:top}
th{background:#f8fafc;font-weight:600;font-size:12px;color:#475569;position:sticky;top:0}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.text{white-space:pre-wrap;overflow-wrap:anywhere}
.clip{max-height:14em;overflow:auto}
details{margin-top:6px;color:#475569}
summary{cursor:pointer;font-size:12px}
.sources{list-style:none;margin:0;padding:0}
.col-q{width:20%}.col-a{width:30%}.col-s{width:190px}
.sources li{white-space:nowrap;margin-bottom:4px}
.sources .id{overflow:hidden;text-overflow:ellipsis;max-width:120px;display:inline-block;vertical-align:bottom}
.sources .chunk{font-size:11px;padding-left:18px}
.muted{color:#64748b}
a{color:#1d4ed8}
.t0{background:${TINTS[0]}}.t1{background:${TINTS[1]}}.t2{background:${TINTS[2]}}.t3{background:${TINTS[3]}}.t4{background:${TINTS[4]}}
.status{display:inline-block;border-radius:10px;padding:0 8px;font-size:11px;font-weight:600}
.status.scored{background:#dcfce7;color:#166534}
.status.failed{background:#fee2e2;color:#991b1b}
.error{color:#991b1b;font-size:12px;margin-top:4px;overflow-wrap:anywhere}
tr.failed td{background:#fffafa}
footer{color:#64748b;font-size:12px;padding:0 0 32px}
@media print{th{position:static}.clip{max-height:none}}
`;
