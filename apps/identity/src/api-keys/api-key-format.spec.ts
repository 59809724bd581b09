import { formatApiKey, newKeySecret, parseApiKey } from './api-key-format';

describe('api key format', () => {
  const id = '0f8e4c1d-2b3a-49c5-a6d7-e8f901234567';

  it('formats rag_<id hex>_<43-char base64url secret> and parses it back', () => {
    const secret = newKeySecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const key = formatApiKey(id, secret);
    expect(key).toBe(`rag_0f8e4c1d2b3a49c5a6d7e8f901234567_${secret}`);
    expect(parseApiKey(key)).toEqual({ kind: 'platform', id, secret });
  });

  it('draws a new 256-bit secret each time', () => {
    const secrets = new Set(Array.from({ length: 100 }, newKeySecret));
    expect(secrets.size).toBe(100);
    expect(Buffer.from(newKeySecret(), 'base64url')).toHaveLength(32);
  });

  it('reads any other 32–512 visible ASCII characters as a bootstrap key', () => {
    const key = 'x'.repeat(32);
    expect(parseApiKey(key)).toEqual({ kind: 'bootstrap', key });
    expect(parseApiKey('!'.repeat(512))).toEqual({ kind: 'bootstrap', key: '!'.repeat(512) });
  });

  it.each([
    ['empty', ''],
    ['short', 'x'.repeat(31)],
    ['too long', 'x'.repeat(513)],
    ['a space', `${'x'.repeat(20)} ${'x'.repeat(20)}`],
    ['non-ASCII', 'é'.repeat(40)],
    ['a newline', `${'x'.repeat(40)}\n`],
    ['rag_ with a short secret', `rag_0f8e4c1d2b3a49c5a6d7e8f901234567_${'a'.repeat(42)}`],
    ['rag_ with upper-case hex', `rag_0F8E4C1D2B3A49C5A6D7E8F901234567_${'a'.repeat(43)}`],
    ['rag_ with a short id', `rag_0f8e4c1d2b3a49c5a6d7e8f90123456_${'a'.repeat(43)}`],
    ['rag_ with a bad secret character', `rag_0f8e4c1d2b3a49c5a6d7e8f901234567_${'a'.repeat(42)}=`],
    ['rag_ with a trailing character', `rag_0f8e4c1d2b3a49c5a6d7e8f901234567_${'a'.repeat(44)}`],
  ])('refuses %s', (_, key) => {
    expect(parseApiKey(key)).toBeNull();
  });
});
