/** Display formatting shared by the cards, charts and table. Every result is plain text: escape it. */
export const MISSING = '–';

export function formatScore(value: number | null): string {
  return value === null ? MISSING : value.toFixed(2);
}

export function formatMs(value: number | null): string {
  if (value === null) return MISSING;
  if (Math.abs(value) < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(Math.abs(value) < 10_000 ? 2 : 1)} s`;
}

/** A short axis label: `500 ms`, `1.5 s`. */
export function formatMsTick(value: number): string {
  if (Math.abs(value) < 1000) return `${Math.round(value)} ms`;
  return `${Number((value / 1000).toFixed(2))} s`;
}

/** Cents for sums of a dollar or more; four decimals below, where LLM costs usually are. */
export function formatUsd(value: number | null): string {
  if (value === null) return MISSING;
  return `$${value.toFixed(Math.abs(value) >= 1 ? 2 : 4)}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** `2026-11-26 02:54 UTC` for a parseable timestamp; the raw string otherwise, so nothing is hidden. */
export function formatTimestamp(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** SVG coordinates to a tenth of a pixel: enough for the eye, and keeps big charts small. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
