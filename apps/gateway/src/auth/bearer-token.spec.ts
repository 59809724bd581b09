import { AuthRefusedError } from './auth.errors';
import { bearerToken } from './bearer-token';

function refusal(header: string | string[] | undefined): { status: number; reason: string } | undefined {
  try {
    bearerToken(header);
    return undefined;
  } catch (error) {
    if (!(error instanceof AuthRefusedError)) throw error;
    return { status: error.getStatus(), reason: error.reason };
  }
}

describe('bearerToken', () => {
  it('reads the key of a bearer header, the scheme in any case', () => {
    expect(bearerToken('Bearer rag_abc')).toBe('rag_abc');
    expect(bearerToken('bearer   rag_abc  ')).toBe('rag_abc');
  });

  it('calls a missing or empty header missing_key', () => {
    expect(refusal(undefined)).toEqual({ status: 401, reason: 'missing_key' });
    expect(refusal('')).toEqual({ status: 401, reason: 'missing_key' });
  });

  it.each([
    ['no token', 'Bearer'],
    ['blank token', 'Bearer   '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no scheme', 'rag_abc'],
    ['two tokens', 'Bearer a b'],
    ['a tab', 'Bearer a\tb'],
    ['non-ASCII', 'Bearer clé'],
    ['over 1024 characters', `Bearer ${'a'.repeat(1025)}`],
    ['repeated header', ['Bearer a', 'Bearer b']],
  ])('calls %s malformed_key', (_label, header) => {
    expect(refusal(header)).toEqual({ status: 401, reason: 'malformed_key' });
  });
});
