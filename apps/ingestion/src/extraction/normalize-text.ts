// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]/g;

/**
 * Canonical form of extracted text: NFC, `\n` line endings, single spaces, trimmed lines,
 * at most one blank line between paragraphs, no leading or trailing whitespace.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|\f|\u2028|\u2029/g, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
