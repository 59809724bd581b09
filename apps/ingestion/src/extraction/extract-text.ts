import { mediaTypeOf, type TextContentType } from './content-type';
import { UnsupportedContentTypeError } from './extraction.errors';
import { extractCsv } from './extractors/csv.extractor';
import { extractHtml } from './extractors/html.extractor';
import { extractJson } from './extractors/json.extractor';
import { extractMarkdown } from './extractors/markdown.extractor';
import { extractPdf } from './extractors/pdf.extractor';
import { extractPlain } from './extractors/plain.extractor';

export { ExtractionError, UnsupportedContentTypeError } from './extraction.errors';

const EXTRACTORS: Record<TextContentType, (body: Buffer) => string | Promise<string>> = {
  'text/plain': extractPlain,
  'text/markdown': extractMarkdown,
  'text/html': extractHtml,
  'application/pdf': extractPdf,
  'application/json': extractJson,
  'text/csv': extractCsv,
};

/**
 * Clean text of a document: paragraphs separated by one blank line, whitespace collapsed, NFC.
 * Throws ExtractionError (with a user-facing `reason`) for corrupt input and
 * UnsupportedContentTypeError for a type outside TEXT_CONTENT_TYPES.
 */
export async function extractText(body: Buffer, contentType: string): Promise<string> {
  const mediaType = mediaTypeOf(contentType);
  if (!Object.hasOwn(EXTRACTORS, mediaType)) throw new UnsupportedContentTypeError(mediaType);
  return EXTRACTORS[mediaType as TextContentType](body);
}
