import { contextPrecision, contextRecall } from './context-metrics';
import { ClaimVerdict, EvaluationSample, EvaluationScores } from './evaluation.types';

/**
 * Faithfulness is the share of supported claims, hallucination the share of unsupported ones; weakly
 * supported claims count in neither, so the two add up to at most 1.
 */
export function evaluationScores(
  sample: EvaluationSample,
  claims: ClaimVerdict[],
  answerScores: { relevance: number; coverage: number },
): EvaluationScores {
  if (claims.length === 0) return refusalScores(sample);
  const share = (verdict: ClaimVerdict['verdict']): number =>
    claims.filter((claim) => claim.verdict === verdict).length / claims.length;
  return {
    faithfulness: share('supported'),
    relevance: clamp(answerScores.relevance),
    coverage: clamp(answerScores.coverage),
    hallucination: share('unsupported'),
    ...contextScores(sample),
    claims,
  };
}

/**
 * A refusal ("I could not find this in the provided sources.") or an answer with no claims invents
 * nothing, so it is fully faithful with no hallucination; but it does not answer, so relevance and
 * coverage are 0. The context scores judge retrieval, not the answer, and are computed as usual.
 */
export function refusalScores(sample: EvaluationSample): EvaluationScores {
  return { faithfulness: 1, relevance: 0, coverage: 0, hallucination: 0, ...contextScores(sample), claims: [] };
}

function contextScores(sample: EvaluationSample): Pick<EvaluationScores, 'contextPrecision' | 'contextRecall'> {
  return {
    contextPrecision: contextPrecision(sample.contexts, sample.expectedSources),
    contextRecall: contextRecall(sample.contexts, sample.expectedSources),
  };
}

function clamp(score: number): number {
  return Math.min(1, Math.max(0, score));
}
