import { splitClaims } from './claims';
import { contentWords } from './content-words';
import { ClaimVerdict, EvaluationSample } from './evaluation.types';
import { stripCitations } from './sentences';
import { SupportScorer } from './support-scorer';
import { RELEVANT_CHUNK, SUPPORTED } from './support-thresholds';

/**
 * How much of what the question needs, and of the relevant retrieved context, the answer uses: the
 * mean of `neededShare` and `relevantChunksDrawnOn`, or the one of them that is defined (0 if neither).
 */
export function coverage(sample: EvaluationSample, claims: ClaimVerdict[], scorer: SupportScorer): number {
  const parts = [neededShare(sample, scorer), relevantChunksDrawnOn(sample, claims, scorer)].filter(
    (part): part is number => part !== undefined,
  );
  return parts.length === 0 ? 0 : parts.reduce((sum, part) => sum + part, 0) / parts.length;
}

/**
 * With an expected answer, the share of its claims the answer supports; otherwise the share of the
 * question's content words the answer contains. Undefined when there is nothing to measure.
 */
function neededShare(sample: EvaluationSample, scorer: SupportScorer): number | undefined {
  const answer = stripCitations(sample.answer);
  const expectedClaims = splitClaims(sample.expectedAnswer ?? '');
  if (expectedClaims.length > 0) {
    const answerAsContext = [{ chunkId: 'answer', objectId: 'answer', text: answer }];
    const met = expectedClaims.filter((claim) => scorer.best(claim, answerAsContext).support >= SUPPORTED);
    return met.length / expectedClaims.length;
  }
  return contentWords(sample.question).length === 0 ? undefined : scorer.lexical(sample.question, answer);
}

/**
 * Share of the chunks relevant to the question that some supported claim was attributed to.
 * Undefined when no retrieved chunk is relevant: the answer cannot be blamed for not using it.
 */
function relevantChunksDrawnOn(
  sample: EvaluationSample,
  claims: ClaimVerdict[],
  scorer: SupportScorer,
): number | undefined {
  const relevant = sample.contexts.filter((chunk) => scorer.support(sample.question, chunk.text) >= RELEVANT_CHUNK);
  if (relevant.length === 0) return undefined;
  const drawnOn = new Set(claims.filter((claim) => claim.verdict === 'supported').map((claim) => claim.chunkId));
  return relevant.filter((chunk) => drawnOn.has(chunk.chunkId)).length / relevant.length;
}
