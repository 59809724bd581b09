import { costUsd } from './pricing';

describe('costUsd', () => {
  it('prices input and output tokens per million', () => {
    expect(
      costUsd({ inputTokens: 2_000_000, outputTokens: 500_000 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 }),
    ).toBeCloseTo(0.6);
  });

  it('is 0 when the price is unknown', () => {
    expect(costUsd({ inputTokens: 1000, outputTokens: 1000 }, undefined)).toBe(0);
  });
});
