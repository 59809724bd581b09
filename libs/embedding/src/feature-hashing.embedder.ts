import { Embedder, normalizeInPlace } from './embedder';
import { murmurHash3 } from './murmur-hash';

/** Feature weights: whole words count most, word pairs add phrase sense, letter 3-grams forgive typos. */
const WORD = 1;
const WORD_PAIR = 0.5;
const LETTER_TRIGRAM = 0.3;

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * A deterministic, offline embedder (signed feature hashing): no model, no network, good enough for
 * lexical similarity, tests and the demo stack. Text with no words embeds to the all-zero vector.
 */
export class FeatureHashingEmbedder implements Embedder {
  readonly model: string;

  constructor(readonly dimensions: number = 384) {
    if (!Number.isInteger(dimensions) || dimensions < 2 || dimensions > 65_536) {
      throw new RangeError(`dimensions must be an integer from 2 to 65536, not ${dimensions}`);
    }
    this.model = `feature-hashing-v1-${dimensions}`;
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((text) => this.embedOne(text)));
  }

  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const [feature, { weight, count }] of features(tokenize(text))) {
      const hash = murmurHash3(feature);
      const sign = hash & 0x80000000 ? -1 : 1;
      vector[(hash & 0x7fffffff) % this.dimensions] += sign * weight * (1 + Math.log(count));
    }
    return normalizeInPlace(vector);
  }
}

/** Lower-case words (Unicode word segmentation), possessives and plurals folded: "user's documents" → user document. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    const word = segment.replace(/['’]s$/, '');
    tokens.push(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return tokens;
}

function features(tokens: string[]): Map<string, { weight: number; count: number }> {
  const found = new Map<string, { weight: number; count: number }>();
  const add = (feature: string, weight: number): void => {
    const seen = found.get(feature);
    if (seen) seen.count++;
    else found.set(feature, { weight, count: 1 });
  };
  tokens.forEach((token, i) => {
    add(`w:${token}`, WORD);
    if (i > 0) add(`b:${tokens[i - 1]} ${token}`, WORD_PAIR);
    const letters = Array.from(`#${token}#`);
    for (let at = 0; at + 3 <= letters.length; at++) add(`c:${letters.slice(at, at + 3).join('')}`, LETTER_TRIGRAM);
  });
  return found;
}
