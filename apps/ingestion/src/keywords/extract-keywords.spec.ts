import { DEFAULT_MAX_KEYWORDS, extractKeywords } from './extract-keywords';
import { searchTerms } from './terms';

describe('extractKeywords', () => {
  it('returns distinct terms ranked by frequency, ties by first occurrence', () => {
    expect(extractKeywords('apple banana apple cherry banana apple date')).toEqual([
      'apple',
      'banana',
      'cherry',
      'date',
    ]);
  });

  it('uses the search term normalisation, so stopwords are gone and plurals fold together', () => {
    expect(extractKeywords('The parcels and the parcel: a PARCEL is damaged.')).toEqual(['parcel', 'damaged']);
  });

  it('caps the result at max', () => {
    const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    expect(extractKeywords(text)).toHaveLength(DEFAULT_MAX_KEYWORDS);
    expect(DEFAULT_MAX_KEYWORDS).toBe(64);
    expect(extractKeywords(text, 3)).toEqual(['word0', 'word1', 'word2']);
    expect(extractKeywords('a b c', 0)).toEqual([]);
    expect(extractKeywords('one two', -1)).toEqual([]);
  });

  it('shares terms with the search query for a chunk that answers it', () => {
    const keywords = extractKeywords('Damaged parcels can be refunded within 30 days of delivery.');
    const query = searchTerms('What is the refund window for damaged parcels?');
    expect(query.filter((term) => keywords.includes(term))).toEqual(['damaged', 'parcel']);
  });

  it('returns only terms that searchTerms produces', () => {
    const text = 'Passwords rotate every 90 days; reminders arrive seven days before passwords expire.';
    const terms = new Set(searchTerms(text));
    const keywords = extractKeywords(text);
    expect(keywords.every((keyword) => terms.has(keyword))).toBe(true);
    expect(new Set(keywords).size).toBe(keywords.length);
    expect(keywords.slice(0, 2)).toEqual(['password', 'day']);
  });

  it('returns nothing for text without terms', () => {
    expect(extractKeywords('')).toEqual([]);
    expect(extractKeywords('the and of')).toEqual([]);
  });
});
