import { PDFParse, PasswordException } from 'pdf-parse';
import { ExtractionError, messageOf } from '../extraction.errors';
import { normalizeText } from '../normalize-text';

/** Pages joined with a blank line; lines wrapped by the PDF layout are joined back into paragraphs. */
export async function extractPdf(body: Buffer): Promise<string> {
  // pdf.js may transfer (detach) the buffer it is given, so it gets a copy.
  const parser = new PDFParse({ data: new Uint8Array(body), verbosity: 0 });
  try {
    const result = await parser.getText();
    const text = normalizeText(result.pages.map((page) => unwrapLines(page.text)).join('\n\n'));
    if (text === '') throw new ExtractionError('pdf has no text layer (scanned pages are not supported)');
    return text;
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    if (error instanceof PasswordException) {
      throw new ExtractionError('pdf is password protected', { cause: error });
    }
    throw new ExtractionError(`pdf could not be parsed: ${messageOf(error)}`, { cause: error });
  } finally {
    await parser.destroy();
  }
}

/**
 * A PDF text layer has no paragraphs, only positioned lines. Heuristic: a line that fills most of the
 * widest line's length was wrapped by the layout, as was one followed by a lowercase start; any other
 * line break (short line, e.g. a heading or the last line of a paragraph) ends a paragraph.
 */
export function unwrapLines(pageText: string): string {
  const lines = pageText
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const fullWidth = 0.75 * Math.max(0, ...lines.map((line) => line.length));

  let text = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const next = lines[i];
    const continuesLowercase = /^[\p{Ll}\p{N}]/u.test(next);
    if (/\p{L}-$/u.test(previous) && continuesLowercase) text += next;
    else if (previous.length >= fullWidth || continuesLowercase) text += ` ${next}`;
    else text += `\n\n${next}`;
  }
  return text;
}
