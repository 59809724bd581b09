import { parse } from 'csv-parse/sync';
import { ExtractionError, messageOf } from '../extraction.errors';
import { normalizeText } from '../normalize-text';
import { decodeUtf8 } from './plain.extractor';

const DELIMITERS = [',', ';', '\t', '|'];

/** The first row is the header; every other row becomes one paragraph `header: value; header: value`. */
export function extractCsv(body: Buffer): string {
  const source = decodeUtf8(body);
  let rows: string[][];
  try {
    rows = parse(source, {
      bom: true,
      delimiter: detectDelimiter(source),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new ExtractionError(`csv is not valid: ${messageOf(error)}`, { cause: error });
  }

  const [header = [], ...records] = rows;
  const paragraphs = records.map((record) =>
    record
      .map((value, column) => [header[column] || `column ${column + 1}`, value.replace(/\s+/g, ' ')] as const)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${name}: ${value}`)
      .join('; '),
  );
  return normalizeText(paragraphs.filter(Boolean).join('\n\n'));
}

/** The candidate that occurs most often in the header line, ignoring quoted text; comma when none does. */
function detectDelimiter(source: string): string {
  const headerLine = (source.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = headerLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
