import { randomBytes } from 'node:crypto';
import { TEXT_CONTENT_TYPES, isExtractable, kindOfContentType, mediaTypeOf, sniffContentType } from './content-type';

const hex = (value: string) => Buffer.from(value, 'hex');
const utf8 = (value: string) => Buffer.from(value, 'utf8');

const SAMPLES = {
  png: hex('89504e470d0a1a0a0000000d49484452'),
  jpeg: hex('ffd8ffe000104a46494600010100'),
  gif: hex('4749463839610100010080000000ffffff'),
  mp3: hex('494433030000000000215449543200'),
  wav: hex('52494646244000005741564566'),
  mp4: hex('000000186674797069736f6d0000020069736f6d'),
  m4a: hex('00000020667479704d344120000000004d344120'),
  webm: hex('1a45dfa39f4282847765626d'),
  oggOpus: Buffer.concat([hex('4f67675300020000000000000000000000000000000000000000000001'), utf8('OpusHead')]),
  zip: hex('504b0304140000000800'),
  pdf: hex('255044462d312e370a25e2e3cfd30a'),
};

describe('sniffContentType', () => {
  describe('binary signatures', () => {
    it.each([
      ['png', 'image/png'],
      ['jpeg', 'image/jpeg'],
      ['gif', 'image/gif'],
      ['mp3', 'audio/mpeg'],
      ['wav', 'audio/x-wav'],
      ['mp4', 'video/mp4'],
      ['m4a', 'audio/mp4'],
      ['webm', 'video/x-matroska'],
      ['oggOpus', 'audio/ogg'],
      ['zip', 'application/zip'],
      ['pdf', 'application/pdf'],
    ] as const)('recognises %s as %s', (sample, expected) => {
      expect(sniffContentType(SAMPLES[sample])).toBe(expected);
    });

    it('trusts the bytes over a contradicting declared type and filename', () => {
      expect(sniffContentType(SAMPLES.pdf, 'text/plain', 'notes.txt')).toBe('application/pdf');
      expect(sniffContentType(SAMPLES.png, 'application/pdf', 'scan.pdf')).toBe('image/png');
      expect(sniffContentType(SAMPLES.zip, 'text/csv; charset=utf-8', 'rates.csv')).toBe('application/zip');
    });

    it('recognises a PDF even when its head is pure ASCII', () => {
      expect(sniffContentType(utf8('%PDF-1.4\n1 0 obj\n'), 'text/plain', 'a.txt')).toBe('application/pdf');
    });

    it('lets the declared type choose between audio and video for the same container', () => {
      expect(sniffContentType(SAMPLES.webm, 'video/webm')).toBe('video/webm');
      expect(sniffContentType(SAMPLES.webm, 'audio/webm')).toBe('audio/webm');
      expect(sniffContentType(SAMPLES.mp4, 'audio/mp4')).toBe('audio/mp4');
      expect(sniffContentType(SAMPLES.png, 'image/png')).toBe('image/png');
    });

    it('does not let the declared type pick another format than the container', () => {
      expect(sniffContentType(SAMPLES.webm, 'audio/mpeg')).toBe('video/x-matroska');
    });

    it('returns application/octet-stream for unrecognised binary, whatever is declared', () => {
      const random = Buffer.concat([Buffer.from([0, 1, 2, 0xfe]), randomBytes(60)]);
      expect(sniffContentType(random)).toBe('application/octet-stream');
      expect(sniffContentType(random, 'text/plain', 'readme.txt')).toBe('application/octet-stream');
    });

    it('treats invalid UTF-8 and control-heavy bytes as binary', () => {
      expect(sniffContentType(hex('c328a0a1'), 'text/plain')).toBe('application/octet-stream');
      expect(sniffContentType(utf8('ab\x01\x02\x03cd'), 'text/plain')).toBe('application/octet-stream');
    });
  });

  describe('text refinement', () => {
    it('ignores coincidental signatures in ordinary text', () => {
      expect(sniffContentType(utf8('BMW cars are fast'))).toBe('text/plain');
      expect(sniffContentType(utf8('ID3 tags describe mp3 files'))).toBe('text/plain');
      expect(sniffContentType(utf8('GIF89a is a format'))).toBe('text/plain');
    });

    it('detects HTML from the content', () => {
      expect(sniffContentType(utf8('<!DOCTYPE html><html><body>hi</body></html>'))).toBe('text/html');
      expect(sniffContentType(utf8('\n  <html lang="en"><p>x</p></html>'), 'text/plain')).toBe('text/html');
      expect(sniffContentType(utf8('<!-- generated -->\n<!doctype html>'), null, 'page.txt')).toBe('text/html');
    });

    it('uses the declared type or extension for HTML fragments', () => {
      expect(sniffContentType(utf8('<p>fragment</p>'), 'text/html; charset=utf-8')).toBe('text/html');
      expect(sniffContentType(utf8('<p>fragment</p>'), null, 'page.HTM')).toBe('text/html');
      expect(sniffContentType(utf8('<p>fragment</p>'))).toBe('text/plain');
    });

    it('detects parseable JSON objects and arrays from the content', () => {
      expect(sniffContentType(utf8('{"a": 1}'))).toBe('application/json');
      expect(sniffContentType(utf8('  [1, 2, 3]\n'), 'text/plain', 'data.txt')).toBe('application/json');
      expect(sniffContentType(utf8('"just a string"'))).toBe('text/plain');
      expect(sniffContentType(utf8('{not json'))).toBe('text/plain');
    });

    it('keeps a declared JSON type for a truncated head that starts like JSON', () => {
      expect(sniffContentType(utf8('{"items": [1, 2,'), 'application/json')).toBe('application/json');
      expect(sniffContentType(utf8('[{"a": '), null, 'big.json')).toBe('application/json');
      expect(sniffContentType(utf8('plain words'), 'application/json')).toBe('text/plain');
    });

    it('uses the declared type or extension for Markdown', () => {
      expect(sniffContentType(utf8('# Title\n\nBody'), 'text/markdown')).toBe('text/markdown');
      expect(sniffContentType(utf8('# Title'), 'application/octet-stream', 'README.md')).toBe('text/markdown');
      expect(sniffContentType(utf8('# Title'), null, 'notes.markdown')).toBe('text/markdown');
      expect(sniffContentType(utf8('# Title'))).toBe('text/plain');
    });

    it('uses the declared type or extension for CSV', () => {
      expect(sniffContentType(utf8('a,b\n1,2\n'), 'text/csv; charset=utf-8')).toBe('text/csv');
      expect(sniffContentType(utf8('a,b\n1,2\n'), null, 'dir/rates.CSV')).toBe('text/csv');
      expect(sniffContentType(utf8('a,b\n1,2\n'))).toBe('text/plain');
    });

    it('falls back to text/plain, even when something else is declared', () => {
      expect(sniffContentType(utf8('hello world'))).toBe('text/plain');
      expect(sniffContentType(utf8('hello world'), 'image/png', 'photo.png')).toBe('text/plain');
      expect(sniffContentType(utf8('hello world'), 'application/pdf')).toBe('text/plain');
    });

    it('accepts a UTF-8 BOM, non-ASCII text and a multi-byte character cut at the end of the head', () => {
      expect(sniffContentType(Buffer.concat([hex('efbbbf'), utf8('{"a":1}')]))).toBe('application/json');
      const text = utf8('Café naïve — 東京');
      expect(sniffContentType(text.subarray(0, text.length - 1))).toBe('text/plain');
    });

    it('treats an empty head as text', () => {
      expect(sniffContentType(Buffer.alloc(0))).toBe('text/plain');
      expect(sniffContentType(Buffer.alloc(0), 'text/csv')).toBe('text/csv');
    });
  });
});

describe('kindOfContentType', () => {
  it.each(TEXT_CONTENT_TYPES)('%s is text', (type) => {
    expect(kindOfContentType(type)).toBe('text');
  });

  it.each([
    ['image/png', 'image'],
    ['image/svg+xml', 'image'],
    ['audio/mpeg', 'audio'],
    ['video/mp4', 'video'],
    ['Text/HTML; charset=utf-8', 'text'],
  ] as const)('%s is %s', (type, kind) => {
    expect(kindOfContentType(type)).toBe(kind);
  });

  it.each(['application/zip', 'application/octet-stream', 'application/xml', 'text/rtf', ''])(
    '%s is unsupported',
    (type) => {
      expect(kindOfContentType(type)).toBeNull();
    },
  );
});

describe('isExtractable', () => {
  it('is true exactly for the text content types, ignoring parameters and case', () => {
    for (const type of TEXT_CONTENT_TYPES) expect(isExtractable(type)).toBe(true);
    expect(isExtractable('TEXT/PLAIN; charset=utf-8')).toBe(true);
    expect(isExtractable('image/png')).toBe(false);
    expect(isExtractable('application/octet-stream')).toBe(false);
  });
});

describe('mediaTypeOf', () => {
  it('drops parameters and lowercases', () => {
    expect(mediaTypeOf(' Text/Markdown ; charset=UTF-8')).toBe('text/markdown');
    expect(mediaTypeOf(null)).toBe('');
  });
});
