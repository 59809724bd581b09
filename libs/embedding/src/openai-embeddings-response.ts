import { EmbeddingError, normalizeInPlace } from './embedder';

/**
 * Reads an OpenAI-style embeddings response (`{ data: [{ index, embedding }] }`) into one unit
 * vector per input, in input order whatever the order of `data`. A response of the wrong shape is
 * a server or configuration fault: the error is not retryable.
 */
export function parseEmbeddingsResponse(body: unknown, count: number, dimensions: number): Float32Array[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw invalid('it has no data array');
  if (data.length !== count) throw invalid(`it has ${data.length} embeddings for ${count} inputs`);
  const vectors: (Float32Array | undefined)[] = new Array(count);
  data.forEach((item: { index?: unknown; embedding?: unknown } | null, position) => {
    const index = item?.index ?? position;
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= count) {
      throw invalid(`index ${String(index)} is out of range`);
    }
    if (vectors[index as number]) throw invalid(`index ${String(index)} appears twice`);
    vectors[index as number] = toVector(item?.embedding, dimensions);
  });
  return vectors as Float32Array[];
}

function toVector(embedding: unknown, dimensions: number): Float32Array {
  if (!Array.isArray(embedding)) throw invalid('an embedding is not an array of numbers');
  if (embedding.length !== dimensions) {
    throw invalid(`an embedding has ${embedding.length} dimensions, ${dimensions} expected`);
  }
  const vector = new Float32Array(dimensions);
  embedding.forEach((value: unknown, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('an embedding holds a non-finite value');
    vector[i] = value;
  });
  return normalizeInPlace(vector);
}

function invalid(reason: string): EmbeddingError {
  return new EmbeddingError(`invalid embeddings response: ${reason}`, false);
}
