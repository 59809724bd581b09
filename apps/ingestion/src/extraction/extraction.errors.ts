/** Extraction failed because of the document itself; `reason` is safe to show to the user who uploaded it. */
export class ExtractionError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'ExtractionError';
  }
}

export class UnsupportedContentTypeError extends ExtractionError {
  constructor(readonly contentType: string) {
    super(`content type ${contentType || '(none)'} is not supported for text extraction`);
    this.name = 'UnsupportedContentTypeError';
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
