import { eng, removeStopwords } from 'stopword';

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * The single normalisation behind both chunk keywords (indexing) and search queries: whatever differs
 * between the two sides would silently stop matching. Returns terms in text order, duplicates kept.
 *
 * NFKC + lowercase, Intl.Segmenter word segments, English stopwords removed, diacritics kept,
 * possessive 's removed, tokens under 2 characters dropped unless numeric.
 * Plural folding is deliberately simple (no stemmer): a term longer than 3 characters that ends in
 * "s" but not "ss", "us" or "is" loses the "s" (parcels → parcel, days → day, status stays status).
 */
export function searchTerms(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    const token = segment
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '')
      .replace(/'s$/, '');
    if (/[\p{L}\p{N}]/u.test(token)) tokens.push(token);
  }
  return removeStopwords(tokens, eng)
    .filter((token) => [...token].length >= 2 || /^\p{N}+$/u.test(token))
    .map(foldPlural);
}

function foldPlural(term: string): string {
  return term.length > 3 && term.endsWith('s') && !/(ss|us|is)$/.test(term) ? term.slice(0, -1) : term;
}
