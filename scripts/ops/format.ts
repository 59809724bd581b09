export type Cell = string | number | null | undefined;

/** Columns aligned with spaces; numbers to the right, missing values as "-". */
export function renderTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => row[column].length)));
  const numeric = headers.map((_, column) => {
    const present = rows.map((row) => row[column]).filter((cell) => cell !== null && cell !== undefined);
    return present.length > 0 && present.every((cell) => typeof cell === 'number');
  });
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...text.map(line)].join('\n');
}

/** 0s, 42s, 5m 3s, 2h 10m, 3d 4h. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A readable reason, also for errors without a message (a refused connection to every address). */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(errorText))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return error.message || code || error.name;
  }
  return String(error);
}
