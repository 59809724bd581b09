import { cosineSimilarity } from './embedder';
import { FeatureHashingEmbedder, tokenize } from './feature-hashing.embedder';

const norm = (vector: Float32Array): number => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

describe('FeatureHashingEmbedder', () => {
  const embedder = new FeatureHashingEmbedder();

  it('names the model after its version and width, 384 dimensions by default', () => {
    expect(embedder.dimensions).toBe(384);
    expect(embedder.model).toBe('feature-hashing-v1-384');
    expect(new FeatureHashingEmbedder(64).model).toBe('feature-hashing-v1-64');
  });

  it('tokenises into lower-case words, folding possessives and plurals', () => {
    expect(tokenize("Resetting PASSWORDS: the Boss’s bus, the user's 3.5 documents!")).toEqual([
      'resetting',
      'password',
      'the',
      'boss',
      'bus',
      'the',
      'user',
      '3.5',
      'document',
    ]);
    expect(tokenize('classes glass gas')).toEqual(['classe', 'glass', 'gas']);
  });

  it('is deterministic, one vector per text in order, of the configured width', async () => {
    const texts = ['How do I reset my password?', 'Invoices are sent monthly.', 'How do I reset my password?'];
    const [a, b, c] = await embedder.embed(texts);
    expect(Array.from(a)).toEqual(Array.from(c));
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(Array.from((await new FeatureHashingEmbedder().embed([texts[1]]))[0])).toEqual(Array.from(b));
    const small = await new FeatureHashingEmbedder(32).embed(texts);
    expect(small.map((vector) => vector.length)).toEqual([32, 32, 32]);
  });

  it('gives unit-length vectors', async () => {
    for (const vector of await embedder.embed(['a', 'Short text.', 'A much longer text '.repeat(50)])) {
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('places a question nearer its answer than an unrelated sentence', async () => {
    const [question, answer, unrelated] = await embedder.embed([
      'How do I reset my password?',
      'To reset your password, open Settings and choose "Reset password".',
      'The quarterly revenue report is due on Friday afternoon.',
    ]);
    expect(cosineSimilarity(question, answer)).toBeGreaterThan(cosineSimilarity(question, unrelated) + 0.2);
  });

  it('still relates misspellings and plurals through letter 3-grams and the fold', async () => {
    const [word, typo, plural, other] = await embedder.embed([
      'authentication',
      'authentcation',
      'authentications',
      'weather',
    ]);
    expect(cosineSimilarity(word, typo)).toBeGreaterThan(0.35);
    expect(cosineSimilarity(word, plural)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(word, typo)).toBeGreaterThan(cosineSimilarity(word, other) + 0.3);
  });

  it('embeds text without words to the all-zero vector, similar to nothing', async () => {
    const [empty, punctuation, text] = await embedder.embed(['', ' ?! … ', 'hello']);
    expect(empty.every((value) => value === 0)).toBe(true);
    expect(punctuation.every((value) => value === 0)).toBe(true);
    expect(cosineSimilarity(empty, text)).toBe(0);
  });

  it('refuses a width it cannot use', () => {
    expect(() => new FeatureHashingEmbedder(1)).toThrow(RangeError);
    expect(() => new FeatureHashingEmbedder(12.5)).toThrow(RangeError);
  });
});
