import { tokenize } from '@rag/embedding';
import { eng } from 'stopword';

/**
 * English stopwords and the auxiliaries of questions ("how much does…"). Folded by the embedder's
 * tokenizer like the text they are compared with: "this" is folded to "thi" there too.
 */
const STOPWORDS = new Set(
  tokenize(
    [...eng, 'does', 'do', 'did', 'can', 'could', 'would', 'should', 'much', 'many', 'tell', 'please'].join(' '),
  ),
);

/**
 * The words of `text` that carry its topic, in order: lower-case, possessives and plural "s" folded
 * (the embedder's tokenizer, so lexical and embedding support see the same words), stopwords dropped.
 */
export function contentWords(text: string): string[] {
  return tokenize(text).filter((word) => !STOPWORDS.has(word));
}
