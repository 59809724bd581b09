import { LocalJudge } from './local.judge';
import { SUPPORTED, UNSUPPORTED } from './support-thresholds';
import { ANSWERS, REFUND_CHUNK, refundSample, WIFI_CHUNK } from './refund-and-wifi.fixture';

describe('LocalJudge', () => {
  const judge = new LocalJudge();
  const scoresOf = (answer: string) => judge.score(refundSample(answer));

  it('is named after its method and version', () => {
    expect(judge.name).toBe('local-lexical-embedding-v1');
  });

  it('orders answers from supported to invented: faithfulness falls, hallucination rises', async () => {
    const supported = await scoresOf(ANSWERS.supported);
    const partly = await scoresOf(ANSWERS.partly);
    const invented = await scoresOf(ANSWERS.invented);

    expect(supported.faithfulness).toBeGreaterThan(partly.faithfulness);
    expect(partly.faithfulness).toBeGreaterThan(invented.faithfulness);
    expect(supported.hallucination).toBeLessThan(partly.hallucination);
    expect(partly.hallucination).toBeLessThan(invented.hallucination);
    expect([supported.faithfulness, partly.faithfulness, invented.faithfulness]).toEqual([1, 0.5, 0]);
    expect([supported.hallucination, partly.hallucination, invented.hallucination]).toEqual([0, 0.5, 1]);
  });

  it('gives a verdict per claim, citation markers stripped, with the supporting chunk', async () => {
    const { claims } = await scoresOf(ANSWERS.partly);

    expect(claims).toEqual([
      {
        claim: 'Customers can request a refund within 30 days of purchase.',
        support: 1,
        verdict: 'supported',
        chunkId: REFUND_CHUNK.chunkId,
      },
      {
        claim: 'Every refund also comes with a free gift voucher worth 20 dollars.',
        support: expect.any(Number),
        verdict: 'unsupported',
        chunkId: null,
      },
    ]);
    expect(claims[1].support).toBeLessThan(0.3);
  });

  it('counts a weakly supported claim as neither faithful nor hallucinated', async () => {
    // Of its content words only "refund" and "request" are in the context.
    const { claims, faithfulness, hallucination } = await scoresOf(
      'A refund request needs a signed form and manager approval.',
    );

    expect(claims).toEqual([expect.objectContaining({ verdict: 'weak', chunkId: REFUND_CHUNK.chunkId })]);
    expect(claims[0].support).toBeGreaterThanOrEqual(UNSUPPORTED);
    expect(claims[0].support).toBeLessThan(SUPPORTED);
    expect({ faithfulness, hallucination }).toEqual({ faithfulness: 0, hallucination: 0 });
  });

  it('finds the answer relevant in proportion to how much it addresses the question', async () => {
    const supported = await scoresOf(ANSWERS.supported);
    const offTopic = await scoresOf('The office wifi network is called Acme-Guest [2].');

    expect(supported.relevance).toBeGreaterThan(0.5);
    expect(offTopic.relevance).toBeLessThan(0.2);
    expect(offTopic.faithfulness).toBe(1);
  });

  it('scores a refusal as faithful but neither relevant nor covering', async () => {
    const scores = await judge.score(refundSample(ANSWERS.refusal, { expectedSources: [REFUND_CHUNK.objectId] }));

    expect(scores).toEqual({
      faithfulness: 1,
      relevance: 0,
      coverage: 0,
      hallucination: 0,
      contextPrecision: 1,
      contextRecall: 1,
      claims: [],
    });
  });

  it('scores an answer without any checkable statement as a refusal', async () => {
    const scores = await scoresOf('Yes. See [1].');

    expect(scores).toMatchObject({ faithfulness: 1, hallucination: 0, relevance: 0, coverage: 0, claims: [] });
  });

  describe('coverage', () => {
    it('is the mean of the question words addressed and the relevant chunks drawn on', async () => {
      // Question words: long, customer, request, refund, paid; the answer has all but "long" (4/5).
      // Only the refund chunk is relevant to the question, and the answer draws on it (1/1).
      const { coverage } = await scoresOf(ANSWERS.supported);

      expect(coverage).toBeCloseTo((4 / 5 + 1) / 2, 10);
    });

    it('does not count a relevant chunk that no supported claim comes from', async () => {
      const { coverage } = await scoresOf(ANSWERS.invented);

      // No question word in the answer, and the relevant refund chunk is not drawn on.
      expect(coverage).toBe(0);
    });

    it('measures against the expected answer when there is one', async () => {
      const expectedAnswer =
        'Customers can request a refund within 30 days of purchase. Refunds are paid back to the original payment method within 5 business days.';
      const complete = await judge.score(refundSample(ANSWERS.supported, { expectedAnswer }));
      const half = await judge.score(refundSample(ANSWERS.partly, { expectedAnswer }));

      expect(complete.coverage).toBe(1);
      // One of the two expected claims is in the answer; the refund chunk is drawn on.
      expect(half.coverage).toBeCloseTo((1 / 2 + 1) / 2, 10);
    });
  });

  it('computes the context scores only with expected sources', async () => {
    const without = await scoresOf(ANSWERS.supported);
    const withSources = await judge.score(refundSample(ANSWERS.supported, { expectedSources: [WIFI_CHUNK.chunkId] }));

    expect(without).toMatchObject({ contextPrecision: null, contextRecall: null });
    // The expected chunk was retrieved second of two.
    expect(withSources).toMatchObject({ contextPrecision: 1 / 2, contextRecall: 1 });
  });

  it('is deterministic', async () => {
    expect(await scoresOf(ANSWERS.partly)).toEqual(await scoresOf(ANSWERS.partly));
  });

  it('rejects with the reason of an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));

    await expect(judge.score(refundSample(ANSWERS.supported), controller.signal)).rejects.toThrow('stopped');
  });
});
