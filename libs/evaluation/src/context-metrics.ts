import { RetrievedChunk } from './evaluation.types';

/** A chunk is relevant when its object id or its chunk id is among the expected sources. */
function relevanceOf(contexts: RetrievedChunk[], expectedSources: string[]): boolean[] {
  const expected = new Set(expectedSources);
  return contexts.map((chunk) => expected.has(chunk.objectId) || expected.has(chunk.chunkId));
}

/**
 * RAGAS context precision@K over the K retrieved chunks: Σ_k precision@k × rel_k / (relevant chunks
 * in the top K), rewarding relevant chunks ranked early; 0 when none is relevant. Null without
 * expected sources.
 */
export function contextPrecision(contexts: RetrievedChunk[], expectedSources?: string[]): number | null {
  if (!expectedSources?.length) return null;
  let relevantSoFar = 0;
  let sum = 0;
  relevanceOf(contexts, expectedSources).forEach((relevant, index) => {
    if (!relevant) return;
    relevantSoFar++;
    sum += relevantSoFar / (index + 1);
  });
  return relevantSoFar === 0 ? 0 : sum / relevantSoFar;
}

/** Share of the expected sources (object or chunk ids) found among the retrieved chunks; null without expected sources. */
export function contextRecall(contexts: RetrievedChunk[], expectedSources?: string[]): number | null {
  if (!expectedSources?.length) return null;
  const expected = new Set(expectedSources);
  const retrieved = new Set(contexts.flatMap((chunk) => [chunk.objectId, chunk.chunkId]));
  return [...expected].filter((source) => retrieved.has(source)).length / expected.size;
}
