/**
 * Turns texts into vectors for the vector index. Every vector is unit length, so cosine similarity
 * is a dot product, except the all-zero vector given for a text with nothing to embed (empty or
 * only punctuation): it is similar to nothing (see `cosineSimilarity`), and the vector index never
 * returns it as a hit.
 */
export interface Embedder {
  /** Recorded in embeddings_registry.model_name; changing it means re-embedding every chunk. */
  readonly model: string;
  readonly dimensions: number;
  /** One vector per text, in the same order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export class EmbeddingError extends Error {
  constructor(
    message: string,
    /** Whether the same request may succeed later (rate limit, server error, network, timeout). */
    readonly retryable: boolean,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'EmbeddingError';
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** Scales `vector` in place to unit length; an all-zero vector stays all zeros. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return vector;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}

/** Cosine similarity in [-1, 1]; 0 (never NaN) when either vector is all zeros. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vectors differ in length: ${a.length} and ${b.length}`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  if (normA === 0 || normB === 0) return 0;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB)));
}
