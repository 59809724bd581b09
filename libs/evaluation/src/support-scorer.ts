import { cosineSimilarity, FeatureHashingEmbedder } from '@rag/embedding';
import { contentWords } from './content-words';
import { RetrievedChunk } from './evaluation.types';
import { sentencesOf } from './sentences';

export interface BestSupport {
  support: number;
  /** The chunk of the best supporting sentence; null when nothing supports the claim at all. */
  chunkId: string | null;
}

/**
 * How well one text supports another, lexically or by embedding: max(share of the claim's content
 * words found in the passage, cosine of their feature-hashing vectors). One instance per sample:
 * it caches every text it has seen.
 */
export class SupportScorer {
  private readonly words = new Map<string, Set<string>>();
  private readonly vectors = new Map<string, Float32Array>();

  constructor(private readonly embedder: FeatureHashingEmbedder) {}

  support(claim: string, passage: string): number {
    return Math.max(this.lexical(claim, passage), this.similarity(claim, passage));
  }

  /** The best support of `claim` over every sentence of every chunk. */
  best(claim: string, chunks: RetrievedChunk[]): BestSupport {
    let best: BestSupport = { support: 0, chunkId: null };
    for (const chunk of chunks) {
      for (const sentence of sentencesOf(chunk.text)) {
        const support = this.support(claim, sentence);
        if (support > best.support) best = { support, chunkId: chunk.chunkId };
      }
    }
    return best;
  }

  /** Share of the claim's content words found in the passage; 0 when the claim has none. */
  lexical(claim: string, passage: string): number {
    const claimWords = this.wordsOf(claim);
    if (claimWords.size === 0) return 0;
    const passageWords = this.wordsOf(passage);
    let found = 0;
    for (const word of claimWords) if (passageWords.has(word)) found++;
    return found / claimWords.size;
  }

  /** Cosine of the texts' vectors, negative values (opposite hashed features) counted as 0. */
  similarity(a: string, b: string): number {
    return Math.max(0, Math.min(1, cosineSimilarity(this.vectorOf(a), this.vectorOf(b))));
  }

  private wordsOf(text: string): Set<string> {
    let words = this.words.get(text);
    if (!words) this.words.set(text, (words = new Set(contentWords(text))));
    return words;
  }

  private vectorOf(text: string): Float32Array {
    let vector = this.vectors.get(text);
    if (!vector) this.vectors.set(text, (vector = this.embedder.embedOne(text)));
    return vector;
  }
}
