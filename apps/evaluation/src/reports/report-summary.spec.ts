import { latencyBins, niceStep, scoreBins } from './report-charts';
import { ReportRow, ReportScores } from './report-data';
import { percentile, summarizeReport } from './report-summary';

const NO_SCORES: ReportScores = {
  faithfulness: null,
  relevance: null,
  coverage: null,
  hallucination: null,
  contextPrecision: null,
  contextRecall: null,
};

function row(overrides: Partial<Omit<ReportRow, 'scores'>> & { scores?: Partial<ReportScores> } = {}): ReportRow {
  return {
    question: 'q',
    answer: 'a',
    sources: [],
    expectedAnswer: null,
    latencyMs: null,
    costUsd: null,
    status: 'scored',
    error: null,
    ...overrides,
    scores: { ...NO_SCORES, ...overrides.scores },
  };
}

describe('report summary', () => {
  it('takes nearest-rank percentiles', () => {
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(oneToTen, 50)).toBe(5);
    expect(percentile(oneToTen, 90)).toBe(9);
    expect(percentile(oneToTen, 95)).toBe(10);
    expect(percentile(oneToTen, 99)).toBe(10);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarises each metric over the rows that have a finite score', () => {
    const rows = [
      row({ scores: { faithfulness: 0.9, hallucination: 0.1 } }),
      row({ scores: { faithfulness: 0.2, hallucination: 0.6 } }),
      row({ scores: { faithfulness: 0.4 } }),
      row({ scores: { faithfulness: Number.NaN } }),
      row({ status: 'failed', error: 'judge timed out' }),
    ];
    const summary = summarizeReport(rows);
    expect(summary.metrics.faithfulness).toEqual({ count: 3, mean: 0.5, p50: 0.4, p90: 0.9, min: 0.2, max: 0.9 });
    expect(summary.metrics.hallucination.count).toBe(2);
    expect(summary.metrics.hallucination.mean).toBeCloseTo(0.35, 10);
    expect(summary.metrics.hallucination.p50).toBe(0.1);
    expect(summary.metrics.contextRecall).toEqual({ count: 0, mean: null, p50: null, p90: null, min: null, max: null });
    expect(summary).toMatchObject({ rows: 5, scored: 4, failed: 1 });
  });

  it('takes latency percentiles and sums the cost, leaving out rows without them', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 .. 1000 ms
    const rows = latencies.map((latencyMs, i) => row({ latencyMs, costUsd: i < 4 ? 0.25 : null }));
    rows.push(row({ latencyMs: null, costUsd: Number.POSITIVE_INFINITY }));
    const summary = summarizeReport(rows);
    expect(summary.latencyMs).toEqual({ count: 100, p50: 500, p95: 950, p99: 990 });
    expect(summary.costUsd).toEqual({ count: 4, total: 1, mean: 0.25 });
  });

  it('is all nulls and zeros for an empty report', () => {
    const summary = summarizeReport([]);
    expect(summary).toMatchObject({ rows: 0, scored: 0, failed: 0 });
    expect(summary.latencyMs).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(summary.costUsd).toEqual({ count: 0, total: null, mean: null });
    expect(summary.metrics.faithfulness.mean).toBeNull();
  });
});

describe('chart bins', () => {
  it('puts scores in ten bins over [0, 1], edges in the upper bin and 1 in the last', () => {
    const bins = scoreBins([0, 0.1, 0.3, 0.7, 0.99, 1, -0.5, 1.5]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ from: 0, to: 0.1, count: 2 }); // 0 and the clamped -0.5
    expect(bins[1].count).toBe(1);
    expect(bins[3].count).toBe(1);
    expect(bins[7].count).toBe(1);
    expect(bins[9].count).toBe(3); // 0.99, 1 and the clamped 1.5
  });

  it('picks round latency bin widths that cover every value', () => {
    expect([0.7, 1, 3, 24, 180, 4000].map(niceStep)).toEqual([1, 1, 5, 25, 200, 5000]);
    const sorted = [640, 700, 1200, 1500, 2600, 9800];
    const bins = latencyBins(sorted);
    expect(bins[0].from).toBeLessThanOrEqual(640);
    expect(bins[bins.length - 1].to).toBeGreaterThan(9800);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(sorted.length);
    expect(bins.length).toBeLessThanOrEqual(13);
    expect(latencyBins([])).toEqual([]);
    expect(latencyBins([300, 300])).toEqual([{ from: 300, to: 301, count: 2 }]);
  });
});
