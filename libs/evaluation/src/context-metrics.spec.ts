import { contextPrecision, contextRecall } from './context-metrics';

const chunk = (chunkId: string, objectId: string) => ({ chunkId, objectId, text: '' });
const retrieved = [chunk('c1', 'doc-a'), chunk('c2', 'doc-b'), chunk('c3', 'doc-c'), chunk('c4', 'doc-d')];

describe('contextPrecision', () => {
  it('is the RAGAS mean of precision@k over the ranks of the relevant chunks', () => {
    // Relevant at ranks 1 and 3 of 4: precision@1 = 1/1, precision@3 = 2/3.
    expect(contextPrecision(retrieved, ['doc-a', 'doc-c'])).toBeCloseTo((1 / 1 + 2 / 3) / 2, 10);
  });

  it('rewards relevant chunks ranked early', () => {
    expect(contextPrecision(retrieved, ['doc-a', 'doc-b'])).toBe(1);
    expect(contextPrecision(retrieved, ['doc-c', 'doc-d'])).toBeCloseTo((1 / 3 + 2 / 4) / 2, 10);
  });

  it('matches expected sources by object id or by chunk id', () => {
    expect(contextPrecision(retrieved, ['c2'])).toBe(1 / 2);
    expect(contextPrecision([chunk('c1', 'doc-a'), chunk('c2', 'doc-a')], ['doc-a'])).toBe(1);
  });

  it('is 0 when no retrieved chunk is relevant, and null without expected sources', () => {
    expect(contextPrecision(retrieved, ['doc-z'])).toBe(0);
    expect(contextPrecision([], ['doc-a'])).toBe(0);
    expect(contextPrecision(retrieved, undefined)).toBeNull();
    expect(contextPrecision(retrieved, [])).toBeNull();
  });
});

describe('contextRecall', () => {
  it('is the share of expected sources found among the retrieved chunks', () => {
    expect(contextRecall(retrieved, ['doc-a', 'c3', 'doc-z'])).toBeCloseTo(2 / 3, 10);
    expect(contextRecall(retrieved, ['doc-d'])).toBe(1);
    expect(contextRecall([], ['doc-a'])).toBe(0);
  });

  it('is null without expected sources', () => {
    expect(contextRecall(retrieved, undefined)).toBeNull();
    expect(contextRecall(retrieved, [])).toBeNull();
  });
});
