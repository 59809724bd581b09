import { assertBlobKey, assertBlobPrefix, assertContentType, isBlobKey } from './blob-key';
import { InvalidBlobKeyError } from './blob-store';

describe('blob keys', () => {
  it.each([
    'tenants/5d2f4a86-0f0b-4c6e-9a57-3b8f0c1d2e3f/objects/0c1d2e3f/source',
    'tenants/t1/chunks/c-1_2.txt',
    'a',
    '.hidden/x',
  ])('accepts %s', (key) => {
    expect(assertBlobKey(key)).toBe(key);
    expect(isBlobKey(key)).toBe(true);
  });

  it.each([
    ['', 'must not be empty'],
    ['/tenants/t1/x', 'must not start with "/"'],
    ['tenants/../etc/passwd', '".." segments'],
    ['tenants/t1/..', '".." segments'],
    ['tenants/./x', '".." segments'],
    ['tenants//x', 'empty segments'],
    ['tenants/x/', 'empty segments'],
    ['tenants/x y', 'only letters'],
    ['tenants\\x', 'only letters'],
    ['tenants/%2e%2e/x', 'only letters'],
    ['tenants/ü', 'only letters'],
    ['x\n', 'only letters'],
    ['a'.repeat(1025), 'longer than 1024'],
  ])('refuses %j', (key, reason) => {
    expect(() => assertBlobKey(key)).toThrow(InvalidBlobKeyError);
    expect(() => assertBlobKey(key)).toThrow(reason);
    expect(isBlobKey(key)).toBe(false);
  });

  it('allows prefixes ending in "/" and the empty prefix unless a non-empty one is required', () => {
    expect(assertBlobPrefix('tenants/t1/')).toBe('tenants/t1/');
    expect(assertBlobPrefix('tenants/t1/chunks/c')).toBe('tenants/t1/chunks/c');
    expect(assertBlobPrefix('')).toBe('');
    expect(() => assertBlobPrefix('', true)).toThrow('must not be empty');
    expect(() => assertBlobPrefix('tenants//')).toThrow(InvalidBlobKeyError);
    expect(() => assertBlobPrefix('../')).toThrow(InvalidBlobKeyError);
    expect(() => assertBlobPrefix('/tenants/')).toThrow(InvalidBlobKeyError);
  });
});

describe('content types', () => {
  it.each([
    'text/plain',
    'text/plain; charset=utf-8',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'image/svg+xml',
  ])('accepts %s', (type) => expect(assertContentType(type)).toBe(type));

  it.each(['', 'text', 'text/plain\r\nset-cookie: a=b', 'text/plain; charset=ü', '/plain', 'text/'])(
    'refuses %j',
    (type) => {
      expect(() => assertContentType(type)).toThrow('invalid content type');
    },
  );
});
