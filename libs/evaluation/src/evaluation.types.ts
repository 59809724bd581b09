export interface RetrievedChunk {
  chunkId: string;
  objectId: string;
  text: string;
}

/** One question answered by the RAG pipeline: the answer and the chunks it was given, in retrieval order. */
export interface EvaluationSample {
  question: string;
  answer: string;
  contexts: RetrievedChunk[];
  expectedAnswer?: string;
  /** Object ids or chunk ids that should have been retrieved. */
  expectedSources?: string[];
}

export type ClaimVerdictKind = 'supported' | 'weak' | 'unsupported';

export interface ClaimVerdict {
  claim: string;
  /** In [0, 1]: how well the best retrieved passage supports the claim. */
  support: number;
  verdict: ClaimVerdictKind;
  /** The chunk the support came from; null when the claim is unsupported. */
  chunkId: string | null;
}

/** Every score is in [0, 1]; the context scores are null without expected sources. */
export interface EvaluationScores {
  faithfulness: number;
  relevance: number;
  coverage: number;
  hallucination: number;
  contextPrecision: number | null;
  contextRecall: number | null;
  claims: ClaimVerdict[];
}

export interface Judge {
  /** Identifies the method and its version: scores from judges of different names are not comparable. */
  readonly name: string;
  score(sample: EvaluationSample, signal?: AbortSignal): Promise<EvaluationScores>;
}
