import { DEFAULT_CHUNKING, TextChunk, chunkText } from './chunk-text';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Trimmed sentences of a text, the way the chunker sees them (paragraph by paragraph). */
function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => [...segmenter.segment(paragraph)].map(({ segment }) => segment.trim()))
    .filter(Boolean);
}

/** Deterministic filler: numbered sentences of varying length. */
function sentence(n: number): string {
  const words = ['parcel', 'refund', 'warranty', 'battery', 'office', 'network', 'shipping', 'customer'];
  const length = 5 + (n % 9);
  const body = Array.from({ length }, (_, i) => words[(n * 7 + i * 3) % words.length]).join(' ');
  return `Sentence ${n} says ${body}.`;
}

function paragraph(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');
}

const ARTICLE = Array.from({ length: 12 }, (_, i) => paragraph(i * 10, 2 + (i % 5))).join('\n\n');

function expectValidChunks(text: string, chunks: TextChunk[], chunkSize: number): void {
  chunks.forEach((chunk, i) => {
    expect(chunk.index).toBe(i);
    expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
    expect(chunk.text.length).toBeLessThanOrEqual(chunkSize);
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.text.length).toBeGreaterThan(0);
    if (i > 0) {
      expect(chunk.start).toBeGreaterThan(chunks[i - 1].start);
      expect(chunk.end).toBeGreaterThan(chunks[i - 1].end);
    }
  });
}

describe('chunkText', () => {
  describe('options', () => {
    it('exports the default chunking', () => {
      expect(DEFAULT_CHUNKING).toEqual({ chunkSize: 1000, chunkOverlap: 150 });
    });

    it.each([
      [{ chunkSize: 99, chunkOverlap: 0 }],
      [{ chunkSize: 1000, chunkOverlap: -1 }],
      [{ chunkSize: 1000, chunkOverlap: 500 }],
      [{ chunkSize: 100, chunkOverlap: 50 }],
      [{ chunkSize: 100.5, chunkOverlap: 0 }],
      [{ chunkSize: Number.NaN, chunkOverlap: 0 }],
      [{ chunkSize: 1000, chunkOverlap: 1.5 }],
      [{ chunkSize: Number.POSITIVE_INFINITY, chunkOverlap: 0 }],
    ])('rejects %j with a RangeError', (options) => {
      expect(() => chunkText('text', options)).toThrow(RangeError);
    });

    it('accepts the boundaries of the valid range', () => {
      expect(() => chunkText('text', { chunkSize: 100, chunkOverlap: 49 })).not.toThrow();
      expect(() => chunkText('text', { chunkSize: 100, chunkOverlap: 0 })).not.toThrow();
    });
  });

  it.each(['', '   ', '\n\n\t \n'])('returns no chunks for empty or blank text %j', (text) => {
    expect(chunkText(text, DEFAULT_CHUNKING)).toEqual([]);
  });

  it('returns one chunk for a short text, trimmed, with offsets into the input', () => {
    const text = '\n  Short text. Two sentences.  \n';
    expect(chunkText(text, DEFAULT_CHUNKING)).toEqual([
      { index: 0, text: 'Short text. Two sentences.', start: 3, end: 29 },
    ]);
  });

  it.each([
    [100, 0],
    [100, 40],
    [250, 60],
    [1000, 150],
    [400, 0],
  ])(
    'chunkSize %i overlap %i: chunks fit, map back to the input and cover every sentence',
    (chunkSize, chunkOverlap) => {
      const chunks = chunkText(ARTICLE, { chunkSize, chunkOverlap });
      expectValidChunks(ARTICLE, chunks, chunkSize);
      for (const s of sentencesOf(ARTICLE).filter((s) => s.length <= chunkSize)) {
        expect(chunks.some((chunk) => chunk.text.includes(s))).toBe(true);
      }
      for (let offset = 0; offset < ARTICLE.length; offset++) {
        if (/\s/.test(ARTICLE[offset])) continue;
        expect(chunks.some((chunk) => chunk.start <= offset && offset < chunk.end)).toBe(true);
      }
    },
  );

  it('never starts or ends a chunk mid-sentence when sentences fit', () => {
    const sentenceStarts = new Set<number>();
    const sentenceEnds = new Set<number>();
    let offset = 0;
    for (const s of sentencesOf(ARTICLE)) {
      const start = ARTICLE.indexOf(s, offset);
      sentenceStarts.add(start);
      sentenceEnds.add(start + s.length);
      offset = start + s.length;
    }
    for (const chunkOverlap of [0, 80]) {
      for (const chunk of chunkText(ARTICLE, { chunkSize: 300, chunkOverlap })) {
        expect(sentenceStarts).toContain(chunk.start);
        expect(sentenceEnds).toContain(chunk.end);
      }
    }
  });

  it('prefers paragraph boundaries: paragraphs that fit are never split', () => {
    const paragraphs = ['A'.repeat(60) + '.', 'B'.repeat(70) + '.', 'C'.repeat(50) + '.'];
    const text = paragraphs.join('\n\n');
    const chunks = chunkText(text, { chunkSize: 140, chunkOverlap: 0 });
    expect(chunks.map((chunk) => chunk.text)).toEqual([`${paragraphs[0]}\n\n${paragraphs[1]}`, paragraphs[2]]);
  });

  it('packs consecutive units greedily', () => {
    const text = Array.from({ length: 10 }, (_, i) => `Item number ${i} is here.`).join(' ');
    const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 0 });
    // Each sentence is 22 characters plus a space: four fit in 100 characters, a fifth does not.
    expect(chunks.map((chunk) => chunk.text.length)).toEqual([91, 91, 45]);
  });

  it('splits an over-long paragraph at sentence boundaries', () => {
    const text = paragraph(0, 20);
    const chunks = chunkText(text, { chunkSize: 200, chunkOverlap: 0 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence \d+ .*\.$/s);
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(text);
  });

  describe('overlap', () => {
    it('has no overlap when chunkOverlap is 0: chunks tile the text', () => {
      const chunks = chunkText(ARTICLE, { chunkSize: 300, chunkOverlap: 0 });
      for (let i = 1; i < chunks.length; i++) expect(chunks[i].start).toBeGreaterThanOrEqual(chunks[i - 1].end);
      expect(
        chunks
          .map((chunk) => chunk.text)
          .join(' ')
          .replace(/\s+/g, ' '),
      ).toBe(ARTICLE.replace(/\s+/g, ' '));
    });

    it('repeats whole trailing sentences of the previous chunk, at most chunkOverlap characters', () => {
      const text = paragraph(0, 40);
      const chunkOverlap = 150;
      const chunks = chunkText(text, { chunkSize: 400, chunkOverlap });
      const sentences = sentencesOf(text);
      let overlapped = 0;
      for (let i = 1; i < chunks.length; i++) {
        const shared = chunks[i - 1].end - chunks[i].start;
        if (shared <= 0) continue;
        overlapped++;
        expect(shared).toBeLessThanOrEqual(chunkOverlap);
        const overlapText = text.slice(chunks[i].start, chunks[i - 1].end);
        expect(sentences.some((s) => overlapText.startsWith(s))).toBe(true);
        expect(sentences.some((s) => overlapText.endsWith(s))).toBe(true);
      }
      expect(overlapped).toBe(chunks.length - 1);
    });

    it('takes as many trailing sentences as fit in the overlap', () => {
      const text = Array.from({ length: 12 }, (_, i) => `Short sentence ${i}.`).join(' ');
      // Five 17-character sentences fill the first chunk; two trailing ones span 35 characters, three span 53.
      const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 45 });
      expect(chunks[1].text.startsWith('Short sentence 3. Short sentence 4.')).toBe(true);
      expect(chunks[0].text.endsWith('Short sentence 3. Short sentence 4.')).toBe(true);
    });

    it('skips the overlap when the last sentence alone is longer than chunkOverlap', () => {
      const long = `This closing sentence is much longer than the overlap allowance of the chunker.`;
      const text = `${long} ${long.replace('This', 'That')} ${long.replace('This', 'Each')}`;
      const chunks = chunkText(text, { chunkSize: 170, chunkOverlap: 50 });
      expect(chunks.length).toBe(2);
      expect(chunks[1].start).toBeGreaterThanOrEqual(chunks[0].end);
    });

    it('drops overlap sentences when the next unit would not fit with them', () => {
      const small = 'Tiny one. Tiny two.';
      const big = `${'Big '.repeat(24)}end.`;
      const text = `${small}\n\n${big}`;
      const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 30 });
      expect(chunks.map((chunk) => chunk.text)).toEqual([small, big]);
    });

    it('crosses paragraph boundaries', () => {
      const text = `${paragraph(0, 3)}\n\n${paragraph(3, 3)}`;
      const chunks = chunkText(text, { chunkSize: 200, chunkOverlap: 90 });
      expect(chunks.some((chunk, i) => i > 0 && chunk.text.includes('\n\n'))).toBe(true);
    });
  });

  describe('long sentences and tokens', () => {
    it('splits an over-long sentence at word boundaries', () => {
      const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
      const text = `${words.join(' ')}.`;
      const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 20 });
      expectValidChunks(text, chunks, 100);
      expect(chunks.length).toBeGreaterThan(4);
      for (const chunk of chunks) expect(chunk.text).toMatch(/^word\d+\b/);
      const rebuilt = chunks.flatMap((chunk) => chunk.text.replace('.', '').split(' '));
      expect(rebuilt).toEqual(words);
    });

    it('hard-cuts a single token longer than a chunk', () => {
      const token = 'x'.repeat(250);
      const text = `Before it. ${token} After it.`;
      const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 0 });
      expectValidChunks(text, chunks, 100);
      expect(chunks.map((chunk) => chunk.text).join('')).toContain(token);
      expect(chunks.filter((chunk) => /^x+$/.test(chunk.text)).length).toBeGreaterThanOrEqual(1);
      expect(chunks.at(-1)?.text).toMatch(/After it\.$/);
    });

    it.each([
      ['a run of emoji', '😀'],
      ['a single token of astral letters', '𝐱'],
    ])('never splits a surrogate pair in %s', (_, character) => {
      const text = character.repeat(120);
      const chunks = chunkText(text, { chunkSize: 101, chunkOverlap: 0 });
      expectValidChunks(text, chunks, 101);
      expect(chunks.map((chunk) => chunk.text.length)).toEqual([100, 100, 40]);
      expect(chunks.map((chunk) => chunk.text).join('')).toBe(text);
    });

    it('resumes sentence packing after an over-long sentence', () => {
      const text = `${'long '.repeat(50)}sentence. Short one. Short two.`;
      const chunks = chunkText(text, { chunkSize: 120, chunkOverlap: 0 });
      expectValidChunks(text, chunks, 120);
      expect(chunks.at(-1)?.text).toMatch(/Short one\. Short two\.$/);
    });
  });

  it('handles Windows line endings and multiple blank lines between paragraphs', () => {
    const text = 'First paragraph.\r\n\r\n\r\nSecond paragraph.';
    const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 0 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0].text).toBe(text);
  });

  it('is deterministic', () => {
    expect(chunkText(ARTICLE, DEFAULT_CHUNKING)).toEqual(chunkText(ARTICLE, DEFAULT_CHUNKING));
  });
});
