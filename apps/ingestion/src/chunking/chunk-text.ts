export interface ChunkingOptions {
  /** Maximum chunk length in characters (UTF-16 code units, like `String.length`). */
  chunkSize: number;
  /** Characters of whole trailing sentences repeated at the start of the next chunk; 0 disables overlap. */
  chunkOverlap: number;
}

export interface TextChunk {
  index: number;
  /** Exactly `input.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
}

export const DEFAULT_CHUNKING: Readonly<ChunkingOptions> = Object.freeze({ chunkSize: 1000, chunkOverlap: 150 });

export const MIN_CHUNK_SIZE = 100;

interface Span {
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

export function validateChunkingOptions({ chunkSize, chunkOverlap }: ChunkingOptions): void {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE) {
    throw new RangeError(`chunkSize must be an integer >= ${MIN_CHUNK_SIZE}, got ${chunkSize}`);
  }
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap * 2 >= chunkSize) {
    throw new RangeError(`chunkOverlap must be an integer >= 0 and under chunkSize / 2, got ${chunkOverlap}`);
  }
}

/**
 * Splits text into chunks of at most `chunkSize` characters. Boundaries are preferred in this order:
 * paragraphs (blank lines), sentences, words, and a hard cut only for a single token longer than a chunk.
 * Units are packed greedily; each chunk after the first repeats the previous chunk's trailing whole
 * sentences, up to `chunkOverlap` characters. Every chunk's text is a verbatim slice of the input.
 */
export function chunkText(text: string, options: ChunkingOptions): TextChunk[] {
  validateChunkingOptions(options);
  const { chunkSize, chunkOverlap } = options;

  const units: Span[] = [];
  const sentences: Span[] = [];
  for (const paragraph of paragraphSpans(text)) {
    const paragraphSentences = sentenceSpans(text, paragraph);
    sentences.push(...paragraphSentences);
    if (length(paragraph) <= chunkSize) {
      units.push(paragraph);
      continue;
    }
    for (const sentence of paragraphSentences) {
      if (length(sentence) <= chunkSize) units.push(sentence);
      else units.push(...wordPieces(text, sentence, chunkSize));
    }
  }

  const chunks: Span[] = [];
  let next = 0;
  while (next < units.length) {
    const previous = chunks.at(-1);
    let start = units[next].start;
    if (previous && chunkOverlap > 0) {
      start = overlapStart(previous, sentences, chunkOverlap, units[next].end - chunkSize) ?? start;
    }
    let end = units[next].end;
    next++;
    while (next < units.length && units[next].end - start <= chunkSize) {
      end = units[next].end;
      next++;
    }
    chunks.push({ start, end });
  }

  return chunks.map(({ start, end }, index) => ({ index, text: text.slice(start, end), start, end }));
}

/**
 * Start of the longest run of whole sentences ending exactly where `previous` ends, spanning at most
 * `overlap` characters and starting at or after `notBefore` (so the next unit still fits). Never the whole
 * previous chunk: the next chunk must not contain it entirely.
 */
function overlapStart(previous: Span, sentences: Span[], overlap: number, notBefore: number): number | undefined {
  let last = sentences.findIndex((sentence) => sentence.end === previous.end);
  if (last < 0) return undefined; // the previous chunk ends inside an over-long sentence
  let start: number | undefined;
  for (; last >= 0; last--) {
    const candidate = sentences[last].start;
    if (candidate <= previous.start || previous.end - candidate > overlap || candidate < notBefore) break;
    start = candidate;
  }
  return start;
}

/** Non-blank paragraphs (separated by a line containing only whitespace), trimmed. */
function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const separator of text.matchAll(/\n[^\S\n]*\n\s*/g)) {
    spans.push({ start: from, end: separator.index });
    from = separator.index + separator[0].length;
  }
  spans.push({ start: from, end: text.length });
  return spans.map((span) => trimSpan(text, span)).filter((span) => span.end > span.start);
}

function sentenceSpans(text: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  for (const { segment, index } of sentenceSegmenter.segment(text.slice(paragraph.start, paragraph.end))) {
    const span = trimSpan(text, { start: paragraph.start + index, end: paragraph.start + index + segment.length });
    if (span.end > span.start) spans.push(span);
  }
  return spans;
}

/** Packs the words of an over-long sentence into pieces of at most `size`, cutting single huge tokens. */
function wordPieces(text: string, sentence: Span, size: number): Span[] {
  const pieces: Span[] = [];
  let current: Span | undefined;
  for (const { segment, index } of wordSegmenter.segment(text.slice(sentence.start, sentence.end))) {
    if (segment.trim() === '') continue;
    const word = { start: sentence.start + index, end: sentence.start + index + segment.length };
    if (current && word.end - current.start <= size) {
      current.end = word.end;
      continue;
    }
    if (current) pieces.push(current);
    current = undefined;
    for (const cut of hardCuts(text, word, size)) {
      if (current) pieces.push(current);
      current = cut;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Cuts a span into pieces of at most `size` code units without splitting a surrogate pair. */
function hardCuts(text: string, span: Span, size: number): Span[] {
  const cuts: Span[] = [];
  let start = span.start;
  while (span.end - start > size) {
    let end = start + size;
    if (isLowSurrogate(text.charCodeAt(end))) end--;
    cuts.push({ start, end });
    start = end;
  }
  cuts.push({ start, end: span.end });
  return cuts;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function trimSpan(text: string, { start, end }: Span): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function length(span: Span): number {
  return span.end - span.start;
}
