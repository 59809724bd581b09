import { renderReportJson, reportJson, round4 } from './render-report-json';
import { ReportData } from './report-data';
import { sampleReport } from './report-sample.testing';

describe('renderReportJson', () => {
  it('keeps a stable key order at every level', () => {
    const json = JSON.parse(renderReportJson(sampleReport(3)));
    expect(Object.keys(json)).toEqual(['evaluationId', 'tenantId', 'title', 'judge', 'createdAt', 'summary', 'rows']);
    expect(Object.keys(json.summary)).toEqual(['rows', 'scored', 'failed', 'metrics', 'latencyMs', 'costUsd']);
    expect(Object.keys(json.summary.metrics.faithfulness)).toEqual(['count', 'mean', 'p50', 'p90', 'min', 'max']);
    expect(Object.keys(json.rows[0])).toEqual([
      'question',
      'answer',
      'sources',
      'expectedAnswer',
      'scores',
      'latencyMs',
      'costUsd',
      'status',
      'error',
    ]);
    expect(Object.keys(json.rows[0].sources[0])).toEqual(['citation', 'chunkId', 'objectId', 'url', 'score']);
  });

  it('does not depend on the input key order, and drops fields outside the types', () => {
    const report = sampleReport(3);
    const shuffled = JSON.parse(JSON.stringify(report), function (this: unknown, _key, value: unknown) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    }) as ReportData;
    (shuffled.rows[0] as unknown as Record<string, unknown>).internalNote = 'not for the report';
    expect(renderReportJson(shuffled)).toBe(renderReportJson(report));
    expect(renderReportJson(shuffled)).not.toContain('internalNote');
  });

  it('rounds numbers to four decimals and turns non-finite ones into null', () => {
    expect([0.123456, 0.99995, 1234.56789, -0.00001, 2].map(round4)).toEqual([0.1235, 1, 1234.5679, 0, 2]);
    expect(round4(Number.NaN)).toBeNull();
    expect(round4(null)).toBeNull();

    const report = sampleReport(1);
    report.rows[0].scores.faithfulness = 0.876543;
    report.rows[0].latencyMs = 1234.56789;
    report.rows[0].costUsd = Number.POSITIVE_INFINITY;
    report.rows[0].sources[0].score = 0.333333;
    const json = reportJson(report);
    expect(json.rows[0].scores.faithfulness).toBe(0.8765);
    expect(json.rows[0].latencyMs).toBe(1234.5679);
    expect(json.rows[0].costUsd).toBeNull();
    expect(json.rows[0].sources[0].score).toBe(0.3333);
    expect(json.summary.metrics.faithfulness.mean).toBe(0.8765);
    expect(json.summary.costUsd).toEqual({ count: 0, total: null, mean: null });
  });
});
