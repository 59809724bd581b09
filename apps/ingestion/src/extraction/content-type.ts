import { filetypeinfo } from 'magic-bytes.js';

export const TEXT_CONTENT_TYPES = [
  'text/plain',
  'text/markdown',
  'text/html',
  'application/pdf',
  'application/json',
  'text/csv',
] as const;

export type TextContentType = (typeof TEXT_CONTENT_TYPES)[number];

export type ObjectKind = 'text' | 'image' | 'audio' | 'video';

export const OCTET_STREAM = 'application/octet-stream';

/**
 * Formats whose signature is plain ASCII: these win even when the bytes decode as text.
 * Every other magic-bytes match on text-like bytes is a coincidence ("BMW..." is not a bitmap).
 */
const TEXTUAL_SIGNATURES = new Set(['application/pdf', 'application/postscript', 'application/rtf', 'image/svg+xml']);

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;

/** Lowercased media type without parameters (`Text/HTML; charset=utf-8` → `text/html`). */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function isExtractable(contentType: string): boolean {
  return (TEXT_CONTENT_TYPES as readonly string[]).includes(mediaTypeOf(contentType));
}

export function kindOfContentType(contentType: string): ObjectKind | null {
  const mediaType = mediaTypeOf(contentType);
  if (isExtractable(mediaType)) return 'text';
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('audio/')) return 'audio';
  if (mediaType.startsWith('video/')) return 'video';
  return null;
}

/**
 * Decides the real media type of an object from its first bytes; the declared type and the filename
 * only choose between text formats the bytes cannot tell apart, they never override the bytes.
 */
export function sniffContentType(head: Buffer, declared?: string | null, filename?: string | null): string {
  const declaredType = mediaTypeOf(declared);
  const text = decodeIfText(head);
  const candidates = filetypeinfo(head).flatMap((match) => (match.mime ? [match.mime] : []));

  if (text === null) return candidates.length ? resolveSignature(head, candidates, declaredType) : OCTET_STREAM;
  if (candidates.length && TEXTUAL_SIGNATURES.has(candidates[0])) return candidates[0];
  return refineTextType(text, declaredType, extensionOf(filename));
}

/**
 * Picks among the types a signature allows. Containers such as MP4, Ogg and Matroska/WebM hold audio or
 * video alike, so a declared type naming the same container decides between them; it cannot pick another format.
 */
function resolveSignature(head: Buffer, candidates: string[], declared: string): string {
  if (candidates.includes(declared)) return declared;
  if (/^(audio|video)\//.test(declared) && candidates.some((type) => subtypeOf(type) === subtypeOf(declared))) {
    return declared;
  }
  const [best] = candidates;
  if (best === 'video/mp4' && /^M4[ABP] $/.test(head.toString('latin1', 8, 12))) return 'audio/mp4';
  if (best === 'application/ogg' && head.includes('OpusHead')) return 'audio/ogg';
  if (best === 'application/ogg' && head.includes('theora')) return 'video/ogg';
  return best;
}

function subtypeOf(mediaType: string): string {
  return mediaType.slice(mediaType.indexOf('/') + 1);
}

function refineTextType(text: string, declared: string, extension: string): TextContentType {
  const trimmed = text.trimStart();
  if (HTML_START.test(trimmed)) return 'text/html';
  if (isCompleteJson(trimmed)) return 'application/json';

  const looksLikeJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (declared === 'text/markdown' || extension === 'md' || extension === 'markdown') return 'text/markdown';
  if (declared === 'text/csv' || extension === 'csv') return 'text/csv';
  if (declared === 'text/html' || extension === 'html' || extension === 'htm') return 'text/html';
  // The head may be a truncated prefix of a large document, so a failed parse alone does not rule JSON out.
  if ((declared === 'application/json' || extension === 'json') && looksLikeJson) return 'application/json';
  return 'text/plain';
}

function isCompleteJson(text: string): boolean {
  if (!text.startsWith('{') && !text.startsWith('[')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Control characters other than tab, newlines, form feed and escape; a few strays are tolerated. */
// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]/g;

/** The head decoded as UTF-8, or null when it looks binary (NUL bytes, invalid UTF-8, many control chars). */
function decodeIfText(head: Buffer): string | null {
  if (head.includes(0)) return null;
  let text: string;
  try {
    // stream: true tolerates a multi-byte character cut off at the end of the head.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(head, { stream: true });
  } catch {
    return null;
  }
  const controls = text.match(BINARY_CONTROL)?.length ?? 0;
  return controls > text.length * 0.01 ? null : text;
}

function extensionOf(filename: string | null | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
