import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export { percentile } from '@rag/testing';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, in the same unit (e.g. a raw PostgreSQL COPY). */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
}

export const RESULTS_FILE = join(__dirname, 'results', 'latest.json');

export function figure(name: string, value: number, unit: string, baseline?: number): Figure {
  const rounded = round(value);
  if (baseline === undefined || baseline <= 0) return { name, value: rounded, unit };
  return { name, value: rounded, unit, baseline: round(baseline), ratio: Math.round((value / baseline) * 1000) / 1000 };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.value.toLocaleString('en-US'),
    f.unit,
    f.baseline === undefined ? '' : f.baseline.toLocaleString('en-US'),
    f.ratio === undefined ? '' : f.ratio.toFixed(3),
  ]);
  const header = ['figure', 'value', 'unit', 'baseline', 'ratio'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 1 || i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

export async function writeResults(figures: Figure[]): Promise<void> {
  await mkdir(join(__dirname, 'results'), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_FILE}`);
}
