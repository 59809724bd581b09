const INLINE_TYPES = new Set(['text/plain', 'text/html', 'application/json', 'application/pdf']);

/** `inline` for types a browser may show (text, html, json, pdf, images), `attachment` for the rest. */
export function dispositionFor(contentType: string): 'inline' | 'attachment' {
  const essence = contentType.split(';')[0].trim().toLowerCase();
  return INLINE_TYPES.has(essence) || essence.startsWith('image/') ? 'inline' : 'attachment';
}
