import { FeatureHashingEmbedder } from '@rag/embedding';
import { splitClaims } from './claims';
import { coverage } from './coverage';
import { ClaimVerdict, EvaluationSample, EvaluationScores, Judge } from './evaluation.types';
import { evaluationScores, refusalScores } from './scores';
import { stripCitations } from './sentences';
import { SupportScorer } from './support-scorer';
import { verdictFor } from './support-thresholds';

/**
 * Judges without a model, deterministically and offline: lexical overlap and feature-hashing
 * embeddings. It sees shared words, not meaning: a claim that negates its source ("refunds are not
 * available") still finds the source's words. Use it for regressions and CI, an LlmJudge for meaning.
 */
export class LocalJudge implements Judge {
  readonly name = 'local-lexical-embedding-v1';
  // Fixed, not injected: the name versions the scores, and another embedder would change them.
  private readonly embedder = new FeatureHashingEmbedder();

  async score(sample: EvaluationSample, signal?: AbortSignal): Promise<EvaluationScores> {
    signal?.throwIfAborted();
    const claims = splitClaims(sample.answer);
    if (claims.length === 0) return refusalScores(sample);
    const scorer = new SupportScorer(this.embedder);
    const verdicts = claims.map((claim): ClaimVerdict => {
      const { support, chunkId } = scorer.best(claim, sample.contexts);
      const verdict = verdictFor(support);
      return { claim, support, verdict, chunkId: verdict === 'unsupported' ? null : chunkId };
    });
    return evaluationScores(sample, verdicts, {
      relevance: localRelevance(sample, scorer),
      coverage: coverage(sample, verdicts, scorer),
    });
  }
}

/**
 * A stand-in for RAGAS answer relevancy, which needs a model to generate questions back from the
 * answer: half the share of the question's content words in the answer, half their cosine.
 */
function localRelevance(sample: EvaluationSample, scorer: SupportScorer): number {
  const answer = stripCitations(sample.answer);
  return 0.5 * scorer.lexical(sample.question, answer) + 0.5 * scorer.similarity(sample.question, answer);
}
