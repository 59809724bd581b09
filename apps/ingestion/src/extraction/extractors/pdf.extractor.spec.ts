import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ExtractionError } from '../extraction.errors';
import { installPdfWorkerForJest } from './pdf-worker.testing';
import { extractPdf, unwrapLines } from './pdf.extractor';

/** Each page is a list of lines drawn top to bottom; '' leaves an empty line (a paragraph gap). */
async function makePdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    lines.forEach((line, i) => {
      if (line) page.drawText(line, { x: 72, y: 720 - i * 15, size: 11, font });
    });
  }
  return Buffer.from(await doc.save());
}

describe('extractPdf', () => {
  beforeAll(installPdfWorkerForJest);

  it('extracts the text layer and joins pages with a blank line', async () => {
    const pdf = await makePdf([['Warranty lasts 24 months for batteries.'], ['Claims are answered within 5 days.']]);
    expect(await extractPdf(pdf)).toBe('Warranty lasts 24 months for batteries.\n\nClaims are answered within 5 days.');
  });

  it('joins lines wrapped by the layout back into one paragraph', async () => {
    const pdf = await makePdf([
      [
        'Terms',
        '',
        'The warranty covers every device bought from an authorised reseller and proof of',
        'purchase is required. Standard devices carry a warranty of twelve months against',
        'defects in materials.',
        '',
        'Batteries are covered for two years.',
      ],
    ]);
    expect(await extractPdf(pdf)).toBe(
      'Terms\n\n' +
        'The warranty covers every device bought from an authorised reseller and proof of purchase is required. ' +
        'Standard devices carry a warranty of twelve months against defects in materials.\n\n' +
        'Batteries are covered for two years.',
    );
  });

  it('does not detach or modify the caller buffer', async () => {
    const pdf = await makePdf([['Hello PDF']]);
    const copy = Buffer.from(pdf);
    await extractPdf(pdf);
    expect(pdf.equals(copy)).toBe(true);
  });

  it('throws an ExtractionError for a PDF without a text layer', async () => {
    const pdf = await makePdf([[]]);
    await expect(extractPdf(pdf)).rejects.toThrow(ExtractionError);
    await expect(extractPdf(pdf)).rejects.toMatchObject({ reason: expect.stringMatching(/^pdf has no text layer/) });
  });

  it('throws an ExtractionError for corrupt bytes', async () => {
    const corrupt = Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF');
    await expect(extractPdf(corrupt)).rejects.toMatchObject({
      name: 'ExtractionError',
      reason: expect.stringMatching(/^pdf could not be parsed: /),
    });
  });

  it('throws an ExtractionError for a truncated PDF', async () => {
    const pdf = await makePdf([['Some text that will be cut off']]);
    await expect(extractPdf(pdf.subarray(0, 200))).rejects.toBeInstanceOf(ExtractionError);
  });
});

describe('unwrapLines', () => {
  it('joins full-width lines and lines followed by a lowercase start', () => {
    expect(unwrapLines('a long line that fills the page\nthe rest.\nShort\nNext paragraph')).toBe(
      'a long line that fills the page the rest.\n\nShort\n\nNext paragraph',
    );
  });

  it('rejoins words hyphenated across lines', () => {
    expect(unwrapLines('the ware-\nhouse is open')).toBe('the ware-house is open');
  });

  it('collapses whitespace and drops empty lines', () => {
    expect(unwrapLines('  one\t two \n\n   \n')).toBe('one two');
    expect(unwrapLines('')).toBe('');
  });
});
