import { performance } from 'node:perf_hooks';
import { REPORT_CSP, renderReportHtml, reportChartNames } from './render-report-html';
import { ReportData } from './report-data';
import { sampleReport } from './report-sample.testing';

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';
const PAYLOADS = [SCRIPT, BREAKOUT, "'><svg onload=alert(1)>", '</textarea></title></style><script>alert(2)</script>'];

/** Tags the renderer writes itself; anything else in the output came from the data, unescaped. */
const OWN_TAGS = new Set(
  (
    'html head meta title style body header div h1 h2 span b time main section figure figcaption svg line text rect ' +
    'title a path table thead tbody tr th td abbr details summary ol li footer'
  ).split(' '),
);

function hostileReport(): ReportData {
  const report = sampleReport(4);
  const payload = PAYLOADS.join(' ');
  report.title = payload;
  report.judge = payload;
  report.evaluationId = BREAKOUT;
  report.tenantId = SCRIPT;
  report.createdAt = BREAKOUT;
  report.rows[0] = {
    ...report.rows[0],
    question: payload,
    answer: payload,
    expectedAnswer: payload,
    error: payload,
    status: 'failed',
    sources: [
      { citation: 1, chunkId: BREAKOUT, objectId: SCRIPT, url: 'javascript:alert(1)', score: 0.5 },
      { citation: 2, chunkId: SCRIPT, objectId: BREAKOUT, url: `https://docs.example.com/a${BREAKOUT}`, score: null },
      { citation: null, chunkId: 'c', objectId: 'o', url: 'data:text/html,<script>alert(1)</script>', score: null },
    ],
  };
  return report;
}

/** Opening tags with their attribute text, as a browser would tokenise them (no `<` in attribute values). */
function tags(html: string): { name: string; attributes: string }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attributes: m[2],
  }));
}

/** Attribute names of a tag's attribute text; quoted values are consumed whole, as a browser does. */
function attributeNames(attributes: string): string[] {
  return [...attributes.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)].map((m) =>
    m[1].toLowerCase(),
  );
}

describe('renderReportHtml', () => {
  it('escapes every text value, so script and attribute-breaking payloads come out inert', () => {
    const html = renderReportHtml(hostileReport());

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/data:text/i);
    // The payloads are there, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // No element or attribute but the renderer's own.
    for (const tag of tags(html)) {
      expect(OWN_TAGS).toContain(tag.name);
      for (const name of attributeNames(tag.attributes)) expect(name).toMatch(/^(?!on)(?!src$)[a-z][a-z0-9-]*$/);
    }
    // Of the hostile row's three sources only the https one is linked, its quotes and brackets encoded;
    // the javascript: and data: ones are text.
    const hostileRow = html.slice(html.indexOf('<tr id="q-1"'), html.indexOf('<tr id="q-2"'));
    const links = tags(hostileRow).filter((t) => t.name === 'a');
    expect(links).toHaveLength(1);
    expect(links[0].attributes).toContain(
      'href="https://docs.example.com/a%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"',
    );
  });

  it('references nothing outside the page: http only in the table links, no script, no src', () => {
    const report = sampleReport(25);
    const html = renderReportHtml(report);

    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    const [beforeBody, tableBody] = withoutCsp.split('<tbody>');
    // Every http(s) URL is the href of a source link in the table body, and nothing else mentions http.
    expect(beforeBody).not.toMatch(/http/i);
    const linkCount = report.rows.flatMap((r) => r.sources).filter((s) => s.url !== null).length;
    const hrefs = [...tableBody.matchAll(/<a class="id mono" href="(https?:\/\/[^"]*)"/g)];
    expect(hrefs).toHaveLength(linkCount);
    expect(tableBody.replace(/<a class="id mono" href="https?:\/\/[^"]*"/g, '')).not.toMatch(/http/i);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|@import|url\(|xlink:|\ssrc=/i);
    // In-page links only besides those.
    for (const tag of tags(html)) {
      const href = /\shref="([^"]*)"/.exec(tag.attributes)?.[1];
      if (href !== undefined) expect(href).toMatch(/^(#q-\d+|https?:\/\/)/);
    }
  });

  it('draws every chart as an accessible inline SVG marked with data-chart', () => {
    const report = sampleReport(25);
    const html = renderReportHtml(report);
    const svgs = tags(html).filter((t) => t.name === 'svg');
    expect(svgs.map((t) => /data-chart="([^"]+)"/.exec(t.attributes)?.[1])).toEqual(reportChartNames(report.rows));
    expect(reportChartNames(report.rows)).toEqual([
      'histogram-faithfulness',
      'histogram-relevance',
      'histogram-coverage',
      'histogram-hallucination',
      'histogram-contextPrecision',
      'histogram-contextRecall',
      'latency',
      'per-question',
    ]);
    for (const svg of svgs) {
      expect(svg.attributes).toContain('role="img"');
      expect(svg.attributes).toMatch(/aria-label="[^"]{10,}"/);
    }
    // 25 questions: a pair of bars each, linking to the question's row.
    expect(html).toContain('data-variant="bars"');
    expect(html.match(/<a href="#q-\d+">/g)).toHaveLength(25);
    expect(html.match(/<tr id="q-\d+"/g)).toHaveLength(25);
  });

  it('leaves out context metrics no row has, and renders an empty report', () => {
    const report = sampleReport(6);
    for (const row of report.rows) {
      row.scores.contextPrecision = null;
      row.scores.contextRecall = null;
    }
    expect(reportChartNames(report.rows)).toEqual([
      'histogram-faithfulness',
      'histogram-relevance',
      'histogram-coverage',
      'histogram-hallucination',
      'latency',
      'per-question',
    ]);
    expect(renderReportHtml(report)).not.toContain('Context precision');

    const empty = renderReportHtml({ ...report, rows: [] });
    expect(empty.match(/data-chart="/g)).toHaveLength(6);
    expect(empty).toContain('no values');
    expect(empty).not.toMatch(/<tr id="q-/);
  });

  it('renders 1,000 questions well under a second, as a dot strip and 1,000 table rows', () => {
    const report = sampleReport(1000);
    const started = performance.now();
    const html = renderReportHtml(report);
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(1000);
    expect(html.match(/<tr id="q-\d+"/g)).toHaveLength(1000);
    expect(html).toContain('data-variant="dots"');
    expect(html).toContain('1,000 questions');
  });
});
