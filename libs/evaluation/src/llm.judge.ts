import { FeatureHashingEmbedder } from '@rag/embedding';
import { splitClaims } from './claims';
import { coverage } from './coverage';
import { ClaimVerdict, EvaluationSample, EvaluationScores, Judge } from './evaluation.types';
import { claimsPrompt, questionsPrompt, verdictsPrompt } from './judge-prompts';
import { parseStringArray, parseVerdicts } from './judge-replies';
import { JudgeModel } from './judge-model';
import { evaluationScores, refusalScores } from './scores';
import { SupportScorer } from './support-scorer';
import { verdictFor } from './support-thresholds';

/**
 * Judges with a model, RAGAS style: the model extracts the answer's claims, verifies each against the
 * numbered passages, and generates questions back from the answer. Coverage and the context scores are
 * computed from its verdicts the same way as the LocalJudge does. Unparsable replies throw a JudgeError.
 */
export class LlmJudge implements Judge {
  readonly name: string;
  private readonly embedder = new FeatureHashingEmbedder();

  constructor(private readonly model: JudgeModel) {
    this.name = `llm:${model.label}`;
  }

  async score(sample: EvaluationSample, signal?: AbortSignal): Promise<EvaluationScores> {
    signal?.throwIfAborted();
    // An answer that only says it does not know needs no model to be recognised.
    if (splitClaims(sample.answer).length === 0) return refusalScores(sample);
    const scorer = new SupportScorer(this.embedder);
    const [claims, relevance] = await Promise.all([
      this.verifiedClaims(sample, signal),
      this.relevance(sample, scorer, signal),
    ]);
    return evaluationScores(sample, claims, { relevance, coverage: coverage(sample, claims, scorer) });
  }

  private async verifiedClaims(sample: EvaluationSample, signal?: AbortSignal): Promise<ClaimVerdict[]> {
    const claims = parseStringArray(
      await this.model.complete(claimsPrompt(sample.question, sample.answer), signal),
      'claims',
    );
    if (claims.length === 0) return [];
    const reply = await this.model.complete(verdictsPrompt(claims, sample.contexts), signal);
    return parseVerdicts(reply, claims.length, sample.contexts.length).map(({ support, source }, i) => {
      const verdict = verdictFor(support);
      const chunkId = verdict === 'unsupported' || source === null ? null : sample.contexts[source - 1].chunkId;
      return { claim: claims[i], support, verdict, chunkId };
    });
  }

  /** RAGAS answer relevancy: mean cosine between the question and questions generated back from the answer; 0 if none. */
  private async relevance(sample: EvaluationSample, scorer: SupportScorer, signal?: AbortSignal): Promise<number> {
    const questions = parseStringArray(await this.model.complete(questionsPrompt(sample.answer), signal), 'questions');
    if (questions.length === 0) return 0;
    return (
      questions.reduce((sum, question) => sum + scorer.similarity(sample.question, question), 0) / questions.length
    );
  }
}
