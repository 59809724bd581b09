import { contentWords } from './content-words';
import { isRefusalSentence } from './refusal';
import { sentencesOf, stripCitations } from './sentences';

/** Shorter fragments ("Yes.", "See above.") state nothing that could be checked. */
const MIN_CLAIM_WORDS = 2;

/**
 * The checkable statements of an answer: its sentences without citation markers, less fragments of
 * fewer than two content words and sentences that only say the answer is not known. An answer with
 * no claims left is a refusal.
 */
export function splitClaims(answer: string): string[] {
  return sentencesOf(stripCitations(answer)).filter(
    (sentence) => !isRefusalSentence(sentence) && new Set(contentWords(sentence)).size >= MIN_CLAIM_WORDS,
  );
}
