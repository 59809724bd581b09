import { ClaimVerdictKind } from './evaluation.types';

/** A claim whose best support reaches this is supported (counts for faithfulness). */
export const SUPPORTED = 0.5;
/** A claim whose best support stays below this is supported by nothing retrieved (counts as hallucination). */
export const UNSUPPORTED = 0.3;
/** A retrieved chunk is relevant to the question when the question's support by it reaches this. */
export const RELEVANT_CHUNK = 0.3;

export function verdictFor(support: number): ClaimVerdictKind {
  if (support >= SUPPORTED) return 'supported';
  return support < UNSUPPORTED ? 'unsupported' : 'weak';
}
