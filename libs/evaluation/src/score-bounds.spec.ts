import { EvaluationSample, EvaluationScores, Judge } from './evaluation.types';
import { LlmJudge } from './llm.judge';
import { LocalJudge } from './local.judge';
import { ANSWERS, REFUND_CHUNK, refundSample, WIFI_CHUNK } from './refund-and-wifi.fixture';
import { ScriptedJudgeModel } from './scripted-judge-model';

const samples: EvaluationSample[] = [
  ...Object.values(ANSWERS).map((answer) => refundSample(answer)),
  ...Object.values(ANSWERS).map((answer) =>
    refundSample(answer, { expectedAnswer: ANSWERS.supported, expectedSources: [REFUND_CHUNK.chunkId, 'doc-missing'] }),
  ),
  { question: '', answer: 'The wifi password changes every Monday.', contexts: [] },
  { question: '???', answer: 'Wifi wifi wifi wifi network network.', contexts: [WIFI_CHUNK], expectedSources: ['x'] },
  {
    question: 'Qué red wifi?',
    answer: 'La red se llama Acme-Guest [1]. Ñandú café 3.5 €.',
    contexts: [WIFI_CHUNK, WIFI_CHUNK],
  },
];

const judges: Judge[] = [
  new LocalJudge(),
  new LlmJudge(
    new ScriptedJudgeModel({
      claims: '["Refunds are possible within 30 days.", "Wifi is free."]',
      verdicts: '[{"claim": 1, "supported": "yes", "source": 1}, {"claim": 2, "supported": "partly", "source": 1}]',
      questions: '["How long are refunds possible?", "Is the wifi free?", "???"]',
    }),
  ),
];

function expectWithinBounds(scores: EvaluationScores): void {
  for (const score of [scores.faithfulness, scores.relevance, scores.coverage, scores.hallucination]) {
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  for (const score of [scores.contextPrecision, scores.contextRecall]) {
    if (score !== null) expect(score).toBeGreaterThanOrEqual(0);
    if (score !== null) expect(score).toBeLessThanOrEqual(1);
  }
  for (const claim of scores.claims) {
    expect(claim.support).toBeGreaterThanOrEqual(0);
    expect(claim.support).toBeLessThanOrEqual(1);
  }
  expect(scores.faithfulness + scores.hallucination).toBeLessThanOrEqual(1);
}

describe.each(judges.map((judge) => [judge.name, judge] as const))('scores of %s', (_, judge) => {
  it.each(samples.map((sample, i) => [i, sample] as const))('are within [0, 1] for sample %i', async (_i, sample) => {
    expectWithinBounds(await judge.score(sample));
  });
});
