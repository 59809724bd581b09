import { ExtractionError } from '../extraction.errors';
import { extractCsv } from './csv.extractor';

const csv = (source: string) => extractCsv(Buffer.from(source, 'utf8'));

describe('extractCsv', () => {
  it('writes one paragraph per row as header: value pairs', () => {
    expect(csv('destination,price_eur,days\nNorway,14.50,4-7\nSpain,8.40,3-5\n')).toBe(
      'destination: Norway; price_eur: 14.50; days: 4-7\n\ndestination: Spain; price_eur: 8.40; days: 3-5',
    );
  });

  it('handles quoted values with delimiters, quotes and newlines', () => {
    expect(csv('name,notes\nNorway,"duties, paid ""later""\nby recipient"\n')).toBe(
      'name: Norway; notes: duties, paid "later" by recipient',
    );
  });

  it('skips empty values and empty lines', () => {
    expect(csv('a,b,c\n1,,3\n\n\n4,5,\n')).toBe('a: 1; c: 3\n\na: 4; b: 5');
  });

  it('names extra or unnamed columns by position', () => {
    expect(csv('a,,c\n1,2,3,4\n')).toBe('a: 1; column 2: 2; c: 3; column 4: 4');
  });

  it('detects semicolon, tab and pipe delimiters from the header line', () => {
    expect(csv('a;b\n1,5;2\n')).toBe('a: 1,5; b: 2');
    expect(csv('a\tb\n1\t2\n')).toBe('a: 1; b: 2');
    expect(csv('a|b\n1|2\n')).toBe('a: 1; b: 2');
  });

  it('accepts a byte order mark, CRLF line endings and trims values', () => {
    expect(csv('\ufeffa , b\r\n 1 ,  2 \r\n')).toBe('a: 1; b: 2');
  });

  it('returns an empty string for a header without rows', () => {
    expect(csv('a,b,c\n')).toBe('');
    expect(csv('')).toBe('');
  });

  it('throws an ExtractionError for malformed CSV', () => {
    expect(() => csv('a,b\n1,"unclosed\n')).toThrow(ExtractionError);
    expect(() => csv('a,b\n1,"unclosed\n')).toThrow(
      expect.objectContaining({ reason: expect.stringMatching(/^csv is not valid/) }),
    );
  });
});
