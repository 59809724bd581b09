import { ReportData, ReportRow } from './report-data';

/** Test and benchmark data: a deterministic, plausible report of `count` questions. */

/** mulberry32: small, seeded, good enough to make test data that does not change between runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ['refund policy', 'SSO setup', 'data retention', 'API rate limits', 'invoice export', 'audit logs'];

function hexId(next: () => number): string {
  const hex = () =>
    Math.floor(next() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-8${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function sampleReportRows(count: number, seed = 42): ReportRow[] {
  const next = random(seed);
  // Skewed towards good answers, like a real evaluation set.
  const score = () => clamp01(1 - Math.pow(next(), 2.2) * 0.9);
  return Array.from({ length: count }, (_, i): ReportRow => {
    const topic = TOPICS[i % TOPICS.length];
    const failed = i % 11 === 7;
    const faithfulness = failed ? null : score();
    const sources = Array.from({ length: 1 + (i % 3) }, (_, s) => ({
      citation: s === 2 ? null : s + 1,
      chunkId: hexId(next),
      objectId: hexId(next),
      url: s === 0 ? `https://docs.example.com/${topic.replace(/ /g, '-')}#${i}` : null,
      score: clamp01(0.9 - s * 0.15 - next() * 0.1),
    }));
    return {
      question: `What does the ${topic} say about case ${i + 1}?`,
      answer: failed
        ? ''
        : `Per the ${topic} document [1], case ${i + 1} is handled within ${2 + (i % 5)} business days. ` +
          'Customers are notified by e-mail once the request is processed.',
      sources,
      expectedAnswer: i % 4 === 0 ? `Within ${2 + (i % 5)} business days.` : null,
      scores: {
        faithfulness,
        relevance: failed ? null : score(),
        coverage: failed ? null : score(),
        hallucination: faithfulness === null ? null : clamp01(1 - faithfulness - next() * 0.1),
        contextPrecision: failed || i % 5 === 3 ? null : score(),
        contextRecall: failed || i % 4 !== 0 ? null : score(),
      },
      latencyMs: failed && i % 2 === 0 ? null : Math.round(700 + next() * 900 + Math.pow(next(), 6) * 6000),
      costUsd: failed ? null : Math.round((0.0008 + next() * 0.004) * 1e6) / 1e6,
      status: failed ? 'failed' : 'scored',
      error: failed ? 'judge timed out after 30000 ms' : null,
    };
  });
}

export function sampleReport(count: number, seed = 42): ReportData {
  return {
    title: `Support docs: ${count} questions`,
    evaluationId: '3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77',
    tenantId: '9b2e7c41-0d3a-4f6b-8e15-2c7a9d0f3b64',
    judge: 'gpt-4o-mini (temperature 0)',
    createdAt: '2026-11-26T02:54:00.000Z',
    rows: sampleReportRows(count, seed),
  };
}
