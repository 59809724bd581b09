const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for an HTML text node or a double-quoted attribute value. Every value that reaches
 * a report goes through here: questions, answers and ids are user content.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/**
 * The URL to link to, normalised, when it is an absolute http(s) URL; null otherwise
 * (javascript:, data:, relative and malformed URLs are shown as text, never linked).
 */
export function linkableUrl(value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
