import { normalizeText } from '../normalize-text';
import { decodeUtf8 } from './plain.extractor';

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)\s*$/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+.*$/;
const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

/**
 * Markdown to plain words: drops syntax (heading hashes, emphasis, link targets, fence markers, table rules)
 * but keeps all the text. Code inside fences is kept verbatim. Headings become their own paragraph.
 */
export function extractMarkdown(body: Buffer): string {
  const source = decodeUtf8(body).replace(/\r\n?/g, '\n').replace(FRONT_MATTER, '');
  const out: string[] = [];
  let inFence = false;

  for (const line of source.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      out.push('');
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push('', stripInline(heading[1]), '');
    } else if (SETEXT_UNDERLINE.test(line) && out.length > 0 && out[out.length - 1].trim() !== '') {
      out.push('');
    } else if (THEMATIC_BREAK.test(line) || LINK_DEFINITION.test(line)) {
      out.push('');
    } else if (TABLE_DELIMITER_ROW.test(line) && line.includes('|')) {
      continue;
    } else {
      out.push(stripInline(stripBlockPrefix(line)));
    }
  }
  return normalizeText(out.join('\n'));
}

function stripBlockPrefix(line: string): string {
  return line
    .replace(/^\s*(>\s?)+/, '')
    .replace(/^\s*[-*+]\s+(\[[ xX]\]\s+)?/, '')
    .replace(/^\s*\|(.*?)\|?\s*$/, (_, cells: string) => cells.split('|').join(' | '));
}

const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!|>~<])/g;
// Escaped characters are parked in the Private Use Area so the syntax rules below cannot see them.
const PARKED = /[\ue021-\ue07e]/g;
const PARK_BASE = 0xe000;

function stripInline(text: string): string {
  return text
    .replace(ESCAPABLE, (_, char: string) => String.fromCharCode(PARK_BASE + char.charCodeAt(0)))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`+([^`]+?)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(PARKED, (char) => String.fromCharCode(char.charCodeAt(0) - PARK_BASE));
}
