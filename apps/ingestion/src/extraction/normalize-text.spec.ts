import { normalizeText } from './normalize-text';

describe('normalizeText', () => {
  it('collapses runs of spaces and tabs and trims every line', () => {
    expect(normalizeText('  a \t  b  \n   c   ')).toBe('a b\nc');
  });

  it('keeps at most one blank line between paragraphs', () => {
    expect(normalizeText('one\n\n\n\n two\n \n\t\nthree')).toBe('one\n\ntwo\n\nthree');
  });

  it('normalises line endings and separators to \\n', () => {
    expect(normalizeText('a\r\nb\rc\fd\u2028e')).toBe('a\nb\nc\nd\ne');
  });

  it('removes control characters, zero-width spaces and byte order marks', () => {
    expect(normalizeText('\ufeffa\u0000b\u200bc\u0007')).toBe('abc');
  });

  it('turns non-breaking spaces into plain spaces', () => {
    expect(normalizeText('30\u00a0days')).toBe('30 days');
  });

  it('composes to NFC', () => {
    expect(normalizeText('cafe\u0301')).toBe('caf\u00e9');
  });

  it('returns an empty string for whitespace only', () => {
    expect(normalizeText(' \n\n\t ')).toBe('');
  });
});
