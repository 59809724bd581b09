import { searchTerms } from './terms';

export const DEFAULT_MAX_KEYWORDS = 64;

/** Distinct search terms of a text, most frequent first, ties broken by first occurrence. */
export function extractKeywords(text: string, max = DEFAULT_MAX_KEYWORDS): string[] {
  if (!(max > 0)) return [];
  const counts = new Map<string, number>();
  for (const term of searchTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  // Map iteration order is first occurrence, and Array.prototype.sort is stable.
  return [...counts.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, Math.floor(max))
    .map(([term]) => term);
}
