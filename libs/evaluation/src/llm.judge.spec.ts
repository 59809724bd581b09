import { cosineSimilarity, FeatureHashingEmbedder } from '@rag/embedding';
import { LlmError } from '@rag/llm';
import { JudgeError } from './judge.error';
import { LlmJudge } from './llm.judge';
import { ANSWERS, REFUND_CHUNK, REFUND_QUESTION, refundSample } from './refund-and-wifi.fixture';
import { ScriptedJudgeModel, ScriptedReplies } from './scripted-judge-model';

const CLAIMS = [
  'Customers can request a refund within 30 days of purchase.',
  'Refunds are paid to the original payment method.',
  'Every refund comes with a free gift voucher.',
];
const OFF_TOPIC_QUESTION = 'Who won the football world cup in 1998?';

const replies: ScriptedReplies = {
  claims: `Here are the claims:\n\`\`\`json\n${JSON.stringify(CLAIMS)}\n\`\`\``,
  verdicts: JSON.stringify([
    { claim: 1, supported: 'yes', source: 1 },
    { claim: 2, supported: 'partly', source: 1 },
    { claim: 3, supported: 'no', source: null },
  ]),
  questions: JSON.stringify([REFUND_QUESTION, REFUND_QUESTION, OFF_TOPIC_QUESTION]),
};

describe('LlmJudge', () => {
  it('is named after its model', () => {
    expect(new LlmJudge(new ScriptedJudgeModel(replies)).name).toBe('llm:scripted');
  });

  it('scores from the claims, verdicts and generated questions of the model', async () => {
    const judge = new LlmJudge(new ScriptedJudgeModel(replies));
    const embedder = new FeatureHashingEmbedder();
    const offTopic = Math.max(
      0,
      cosineSimilarity(embedder.embedOne(REFUND_QUESTION), embedder.embedOne(OFF_TOPIC_QUESTION)),
    );

    const scores = await judge.score(refundSample(ANSWERS.partly, { expectedSources: [REFUND_CHUNK.objectId] }));

    expect(scores.claims).toEqual([
      { claim: CLAIMS[0], support: 1, verdict: 'supported', chunkId: REFUND_CHUNK.chunkId },
      { claim: CLAIMS[1], support: 0.4, verdict: 'weak', chunkId: REFUND_CHUNK.chunkId },
      { claim: CLAIMS[2], support: 0, verdict: 'unsupported', chunkId: null },
    ]);
    expect(scores.faithfulness).toBeCloseTo(1 / 3, 10);
    expect(scores.hallucination).toBeCloseTo(1 / 3, 10);
    // Two generated questions are the question itself (cosine 1), the third is off topic.
    expect(scores.relevance).toBeCloseTo((1 + 1 + offTopic) / 3, 6);
    expect(offTopic).toBeLessThan(0.2);
    // Question words in the answer: customer, request, refund of 5; the one relevant chunk is drawn on.
    expect(scores.coverage).toBeCloseTo((3 / 5 + 1) / 2, 10);
    expect(scores).toMatchObject({ contextPrecision: 1, contextRecall: 1 });
  });

  it('shows the model numbered claims and numbered passages', async () => {
    const model = new ScriptedJudgeModel(replies);

    await new LlmJudge(model).score(refundSample(ANSWERS.partly));

    const verification = model.calls.find((messages) => messages[0].content.startsWith('You check claims'));
    expect(verification?.[1].content).toContain(`[1] ${REFUND_CHUNK.text}`);
    expect(verification?.[1].content).toContain(`3. ${CLAIMS[2]}`);
    expect(model.calls).toHaveLength(3);
  });

  it('scores relevance 0 when the model finds no question the answer answers', async () => {
    const judge = new LlmJudge(new ScriptedJudgeModel({ ...replies, questions: '[]' }));

    expect((await judge.score(refundSample(ANSWERS.partly))).relevance).toBe(0);
  });

  it('scores a refusal without asking the model', async () => {
    const model = new ScriptedJudgeModel(replies);

    const scores = await new LlmJudge(model).score(refundSample(ANSWERS.refusal));

    expect(scores).toMatchObject({ faithfulness: 1, hallucination: 0, relevance: 0, coverage: 0, claims: [] });
    expect(model.calls).toHaveLength(0);
  });

  it('scores an answer in which the model finds no claims as a refusal', async () => {
    const scores = await new LlmJudge(new ScriptedJudgeModel({ ...replies, claims: '[]' })).score(
      refundSample(ANSWERS.supported),
    );

    expect(scores).toMatchObject({ faithfulness: 1, hallucination: 0, relevance: 0, coverage: 0, claims: [] });
  });

  it.each<[string, Partial<ScriptedReplies>]>([
    ['claims', { claims: 'The answer makes two claims about refunds.' }],
    ['verdicts', { verdicts: 'Claim 1: yes. Claim 2: partly. Claim 3: no.' }],
    ['questions', { questions: '1. What is the refund policy?' }],
  ])('throws a non-retryable JudgeError on unparsable %s', async (_, garbage) => {
    const judge = new LlmJudge(new ScriptedJudgeModel({ ...replies, ...garbage }));

    const failure = judge.score(refundSample(ANSWERS.partly));

    await expect(failure).rejects.toBeInstanceOf(JudgeError);
    await expect(failure).rejects.toMatchObject({ retryable: false });
  });

  it('lets the errors of the model through', async () => {
    const error = new LlmError('rate_limited', 'slow down');
    const judge = new LlmJudge({ label: 'failing', complete: () => Promise.reject(error) });

    await expect(judge.score(refundSample(ANSWERS.partly))).rejects.toBe(error);
  });
});
