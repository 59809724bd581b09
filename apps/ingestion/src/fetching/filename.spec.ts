import { filenameFromContentDisposition, filenameOf } from './filename';

describe('file names', () => {
  it.each([
    ['attachment; filename="report 2026.pdf"', 'report 2026.pdf'],
    ['attachment; filename=report.pdf', 'report.pdf'],
    ['inline; FILENAME="a \\"quoted\\" name.txt"', 'a "quoted" name.txt'],
    ['attachment; filename="fallback.txt"; filename*=UTF-8\'\'%E2%82%AC%20rates.txt', '€ rates.txt'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.doc"', 'x.doc'],
    ['attachment; filename=".."', null],
    ['attachment', null],
    ["attachment; filename*=UTF-8''%E0%A4%A", null],
  ])('reads %j as %j', (header, name) => {
    expect(filenameFromContentDisposition(header)).toBe(name);
  });

  it('falls back to the last path segment of the url', () => {
    expect(filenameOf(undefined, new URL('https://files.example/docs/Q3%20report.pdf?x=1'))).toBe('Q3 report.pdf');
    expect(filenameOf('attachment', new URL('https://files.example/docs/a.txt'))).toBe('a.txt');
    expect(filenameOf('attachment; filename=b.txt', new URL('https://files.example/docs/a.txt'))).toBe('b.txt');
    expect(filenameOf(undefined, new URL('https://files.example/docs/'))).toBeNull();
    expect(filenameOf(undefined, new URL('https://files.example'))).toBeNull();
    expect(filenameOf(undefined, new URL('https://files.example/%E0%A4%A'))).toBe('%E0%A4%A');
  });
});
