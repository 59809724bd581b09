import { PDFDocument, StandardFonts } from 'pdf-lib';
import { TEXT_CONTENT_TYPES } from './content-type';
import { ExtractionError, UnsupportedContentTypeError, extractText } from './extract-text';
import { installPdfWorkerForJest } from './extractors/pdf-worker.testing';

const utf8 = (value: string) => Buffer.from(value, 'utf8');

async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

describe('extractText', () => {
  beforeAll(installPdfWorkerForJest);

  it('dispatches every text content type to its extractor', async () => {
    const samples: Record<(typeof TEXT_CONTENT_TYPES)[number], [Buffer, string]> = {
      'text/plain': [utf8('  plain   text \n\n\n\nnext  '), 'plain text\n\nnext'],
      'text/markdown': [utf8('# Title\n\n**bold** [link](https://x)'), 'Title\n\nbold link'],
      'text/html': [utf8('<h1>Title</h1><p>Body <a href="https://x">link</a></p>'), 'Title\n\nBody link'],
      'application/json': [utf8('{"a": {"b": 1}}'), 'a.b: 1'],
      'text/csv': [utf8('k,v\nx,1\n'), 'k: x; v: 1'],
      'application/pdf': [await onePagePdf('Hello from a PDF'), 'Hello from a PDF'],
    };
    for (const type of TEXT_CONTENT_TYPES) {
      const [body, expected] = samples[type];
      await expect(extractText(body, type)).resolves.toBe(expected);
    }
  });

  it('ignores content type parameters and case', async () => {
    await expect(extractText(utf8('<p>hi</p>'), 'Text/HTML; charset=utf-8')).resolves.toBe('hi');
  });

  it('does not interpret markup in plain text', async () => {
    await expect(extractText(utf8('# not a heading <b>x</b>'), 'text/plain')).resolves.toBe('# not a heading <b>x</b>');
  });

  it('decodes UTF-8 with a BOM and composes to NFC', async () => {
    await expect(extractText(utf8('\ufeffcafe\u0301'), 'text/plain')).resolves.toBe('café');
  });

  it('returns an empty string for an empty text document', async () => {
    await expect(extractText(Buffer.alloc(0), 'text/plain')).resolves.toBe('');
  });

  it.each(['image/png', 'application/zip', 'application/octet-stream', ''])(
    'rejects %p with UnsupportedContentTypeError',
    async (type) => {
      const error = await extractText(utf8('x'), type).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedContentTypeError);
      expect(error).toBeInstanceOf(ExtractionError);
      expect((error as UnsupportedContentTypeError).reason).toMatch(/is not supported/);
    },
  );

  it('rejects corrupt input with an ExtractionError carrying a user-facing reason', async () => {
    await expect(extractText(utf8('{"a":'), 'application/json')).rejects.toMatchObject({
      reason: expect.stringMatching(/^json is not valid/),
    });
    await expect(extractText(utf8('a,b\n"x'), 'text/csv')).rejects.toMatchObject({
      reason: expect.stringMatching(/^csv is not valid/),
    });
    await expect(extractText(utf8('%PDF-1.7 garbage'), 'application/pdf')).rejects.toMatchObject({
      reason: expect.stringMatching(/^pdf could not be parsed/),
    });
  });

  it('keeps the cause of an ExtractionError', async () => {
    const error = (await extractText(utf8('nope'), 'application/json').catch((e: unknown) => e)) as ExtractionError;
    expect(error.name).toBe('ExtractionError');
    expect(error.message).toBe(error.reason);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});
