const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Citation markers of generated answers: [2], [1, 3], [1][2]. */
const CITATION = /\s*\[\d+(?:\s*,\s*\d+)*\]/g;

export function stripCitations(text: string): string {
  return text.replace(CITATION, '');
}

/** The sentences of `text`, whitespace collapsed; line breaks end a sentence, pieces without a letter or digit are dropped. */
export function sentencesOf(text: string): string[] {
  return Array.from(segmenter.segment(text), ({ segment }) => segment.replace(/\s+/g, ' ').trim()).filter((sentence) =>
    /[\p{L}\p{N}]/u.test(sentence),
  );
}
