import { searchTerms } from './terms';

describe('searchTerms', () => {
  it('lowercases, segments into words and drops English stopwords', () => {
    expect(searchTerms('What is the refund window for damaged parcels?')).toEqual([
      'refund',
      'window',
      'damaged',
      'parcel',
    ]);
  });

  it('gives a question and a sentence answering it shared terms', () => {
    const question = searchTerms('What is the refund window for damaged parcels?');
    const answer = searchTerms('Damaged parcels can be refunded within 30 days');
    const shared = question.filter((term) => answer.includes(term));
    expect(shared).toEqual(['damaged', 'parcel']);
  });

  it('keeps duplicates and text order', () => {
    expect(searchTerms('Refund, refund, REFUND window')).toEqual(['refund', 'refund', 'refund', 'window']);
  });

  describe('plural folding (deliberately simple)', () => {
    it.each([
      ['parcels', 'parcel'],
      ['days', 'day'],
      ['batteries', 'batterie'],
      ['networks', 'network'],
    ])('folds %s to %s', (word, term) => {
      expect(searchTerms(word)).toEqual([term]);
    });

    it.each(['address', 'status', 'analysis', 'gas', 'bus'])('leaves %s alone', (word) => {
      expect(searchTerms(word)).toEqual([word]);
    });
  });

  it('drops possessive apostrophes, straight or curly', () => {
    expect(searchTerms("customer's order")).toEqual(['customer', 'order']);
    expect(searchTerms('customer’s order')).toEqual(['customer', 'order']);
  });

  it('drops one-character words but keeps numbers of any length', () => {
    expect(searchTerms('a b 5 x 30 days')).toEqual(['5', '30', 'day']);
  });

  it('keeps decimal numbers and splits codes at hyphens', () => {
    expect(searchTerms('SKU ZX-210 weighs 2.3 kg and costs 14.50 EUR')).toEqual([
      'sku',
      'zx',
      '210',
      'weigh',
      '2.3',
      'kg',
      'cost',
      '14.50',
      'eur',
    ]);
  });

  it('drops pure punctuation and symbols', () => {
    expect(searchTerms('--- !!! ... ??? $ % & * _ __init__')).toEqual(['init']);
  });

  it('keeps diacritics and applies NFKC', () => {
    expect(searchTerms('Café naïve')).toEqual(['café', 'naïve']);
    expect(searchTerms('cafe\u0301')).toEqual(['café']);
    expect(searchTerms('ｆｕｌｌｗｉｄｔｈ ﬁle')).toEqual(['fullwidth', 'file']);
  });

  it('segments scripts without spaces', () => {
    const terms = searchTerms('東京タワーは高い');
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.join('')).toContain('東京');
  });

  it('returns no terms for empty, blank or stopword-only text', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('   \n\t')).toEqual([]);
    expect(searchTerms('what is the')).toEqual([]);
  });
});
