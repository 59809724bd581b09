import { ExtractionError } from '../extraction.errors';
import { extractJson } from './json.extractor';

const json = (source: string) => extractJson(Buffer.from(source, 'utf8'));

describe('extractJson', () => {
  it('writes one path: value line per scalar leaf, one paragraph per top-level array item', () => {
    const source = JSON.stringify([
      { sku: 'ZX-210', weight_kg: 2.3, price: { amount: 129, currency: 'EUR' }, tags: ['outdoor', 'bags'] },
      { sku: 'KT-88', inStock: false },
    ]);
    expect(json(source)).toBe(
      [
        'sku: ZX-210\nweight_kg: 2.3\nprice.amount: 129\nprice.currency: EUR\ntags[0]: outdoor\ntags[1]: bags',
        'sku: KT-88\ninStock: false',
      ].join('\n\n'),
    );
  });

  it('makes each top-level key of an object a paragraph, prefixed by the key', () => {
    const source = JSON.stringify({
      company: { name: 'Parcelio', founded: 2019 },
      owners: [{ name: 'Ana' }],
      note: 'hi',
    });
    expect(json(source)).toBe('company.name: Parcelio\ncompany.founded: 2019\n\nowners[0].name: Ana\n\nnote: hi');
  });

  it('renders null, and skips empty strings, arrays and objects', () => {
    expect(json('{"a": null, "b": "", "c": [], "d": {}, "e": "x"}')).toBe('a: null\n\ne: x');
  });

  it('keeps nested array indexes inside top-level array items', () => {
    expect(json('[[1, 2], {"m": [[3]]}]')).toBe('[0]: 1\n[1]: 2\n\nm[0][0]: 3');
  });

  it('renders a top-level scalar as its value', () => {
    expect(json('"just text"')).toBe('just text');
    expect(json('42')).toBe('42');
  });

  it('flattens whitespace inside values so each leaf stays on one line', () => {
    expect(json('{"text": "line one\\n\\nline   two"}')).toBe('text: line one line two');
  });

  it('accepts a byte order mark and composes to NFC', () => {
    expect(json('\ufeff{"name": "Cafe\\u0301"}')).toBe('name: Café');
  });

  it('throws an ExtractionError with a user-facing reason for invalid JSON', () => {
    expect(() => json('{"a": 1,')).toThrow(ExtractionError);
    expect(() => json('{"a": 1,')).toThrow(
      expect.objectContaining({ reason: expect.stringMatching(/^json is not valid/) }),
    );
    expect(() => json('')).toThrow(/json is not valid/);
  });
});
