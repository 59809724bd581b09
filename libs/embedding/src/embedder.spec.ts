import { cosineSimilarity, EmbeddingError, normalizeInPlace } from './embedder';

describe('vector helpers', () => {
  it('normalises to unit length in place', () => {
    const vector = new Float32Array([3, 4]);
    expect(normalizeInPlace(vector)).toBe(vector);
    expect(Array.from(vector)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('leaves the zero vector at zero, never NaN', () => {
    expect(Array.from(normalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('computes cosine similarity, 0 against a zero vector', () => {
    const a = new Float32Array([1, 0]);
    expect(cosineSimilarity(a, new Float32Array([2, 0]))).toBeCloseTo(1);
    expect(cosineSimilarity(a, new Float32Array([-1, 0]))).toBeCloseTo(-1);
    expect(cosineSimilarity(a, new Float32Array([0, 5]))).toBeCloseTo(0);
    expect(cosineSimilarity(a, new Float32Array(2))).toBe(0);
    expect(() => cosineSimilarity(a, new Float32Array(3))).toThrow(RangeError);
  });

  it('EmbeddingError carries retryability and status', () => {
    const error = new EmbeddingError('slow down', true, { status: 429, retryAfterMs: 1000 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EmbeddingError');
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
    expect(error.details.retryAfterMs).toBe(1000);
  });
});
