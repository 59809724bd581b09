import { ExtractionError, messageOf } from '../extraction.errors';
import { normalizeText } from '../normalize-text';
import { decodeUtf8 } from './plain.extractor';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * One `path: value` line per scalar leaf; each top-level item (object key or array element) is a paragraph.
 * Array elements at the top level are already told apart by the paragraphs, so their index is left out.
 */
export function extractJson(body: Buffer): string {
  let document: Json;
  try {
    document = JSON.parse(decodeUtf8(body)) as Json;
  } catch (error) {
    throw new ExtractionError(`json is not valid: ${messageOf(error)}`, { cause: error });
  }

  const paragraphs: string[] = [];
  if (Array.isArray(document)) {
    for (const item of document) paragraphs.push(leafLines(item, '').join('\n'));
  } else if (isObject(document)) {
    for (const [key, value] of Object.entries(document)) paragraphs.push(leafLines(value, key).join('\n'));
  } else {
    paragraphs.push(leafLines(document, '').join('\n'));
  }
  return normalizeText(paragraphs.filter(Boolean).join('\n\n'));
}

function leafLines(value: Json, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafLines(item, `${path}[${index}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, child]) => leafLines(child, path ? `${path}.${key}` : key));
  }
  // Newlines inside a value would break the one-line-per-leaf layout.
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text === '') return [];
  return [path ? `${path}: ${text}` : text];
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
