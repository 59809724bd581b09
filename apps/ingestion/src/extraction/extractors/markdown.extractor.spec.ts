import { extractMarkdown } from './markdown.extractor';

const markdown = (source: string) => extractMarkdown(Buffer.from(source, 'utf8'));

describe('extractMarkdown', () => {
  it('strips heading hashes and makes headings their own paragraphs', () => {
    expect(markdown('# Refund Policy\nIntro text.\n## Damaged parcels ##\nMore text.')).toBe(
      'Refund Policy\n\nIntro text.\n\nDamaged parcels\n\nMore text.',
    );
  });

  it('strips setext heading underlines and thematic breaks', () => {
    expect(markdown('Title\n=====\n\nBody\n\n---\n\nAfter\n\n* * *\n')).toBe('Title\n\nBody\n\nAfter');
  });

  it('strips emphasis, strikethrough and inline code markers but keeps the words', () => {
    expect(markdown('A **bold** and __strong__ and *em* and _it_ and ~~old~~ and `code` word.')).toBe(
      'A bold and strong and em and it and old and code word.',
    );
  });

  it('leaves asterisks and underscores that are not emphasis', () => {
    expect(markdown('2 * 3 * 4 = 24 and snake_case_name')).toBe('2 * 3 * 4 = 24 and snake_case_name');
  });

  it('keeps link and image text but drops targets and reference definitions', () => {
    expect(
      markdown(
        'See the [returns page](https://x.example/returns "Returns") and ![a photo](p.png) or [docs][1].\n\n[1]: https://docs',
      ),
    ).toBe('See the returns page and a photo or docs.');
  });

  it('keeps autolinked URLs without angle brackets and drops inline HTML tags', () => {
    expect(markdown('Mail <mailto:help@x.example> or visit <https://x.example>.<br/> <span>Done</span>')).toBe(
      'Mail mailto:help@x.example or visit https://x.example. Done',
    );
  });

  it('removes code fence markers but keeps the code verbatim', () => {
    expect(markdown('Before\n\n```ts\nconst a = **b**;\n```\n\nAfter')).toBe('Before\n\nconst a = **b**;\n\nAfter');
  });

  it('strips bullets, task boxes and blockquote markers, keeps ordered numbers', () => {
    expect(markdown('- one\n* two\n+ [x] three\n\n> quoted\n> > nested\n\n1. first\n2. second')).toBe(
      'one\ntwo\nthree\n\nquoted\nnested\n\n1. first\n2. second',
    );
  });

  it('turns tables into rows of cells without the delimiter row', () => {
    expect(markdown('| Country | Price |\n|---|:---:|\n| Norway | 14.50 |')).toBe('Country | Price\nNorway | 14.50');
  });

  it('honours backslash escapes', () => {
    expect(markdown('Not \\*emphasis\\* and a literal \\_ underscore')).toBe(
      'Not *emphasis* and a literal _ underscore',
    );
  });

  it('drops YAML front matter', () => {
    expect(markdown('---\ntitle: Hidden\n---\nVisible')).toBe('Visible');
  });

  it('normalises CRLF line endings and whitespace', () => {
    expect(markdown('# Title\r\n\r\n\r\n\r\nText   with  spaces\r\n')).toBe('Title\n\nText with spaces');
  });
});
