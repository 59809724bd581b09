import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHUNKING, chunkText } from '../chunking/chunk-text';
import { makeWarrantyPdf } from '../../test/corpus/make-pdf';
import { kindOfContentType, sniffContentType } from './content-type';
import { extractText } from './extract-text';
import { installPdfWorkerForJest } from './extractors/pdf-worker.testing';

interface CorpusQuestion {
  question: string;
  file: string;
  answerContains: string;
}

const CORPUS = join(__dirname, '../../test/corpus');
const questions = JSON.parse(readFileSync(join(CORPUS, 'questions.json'), 'utf8')) as CorpusQuestion[];
const EXPECTED_TYPES: Record<string, string> = {
  'refund-policy.md': 'text/markdown',
  'office-handbook.html': 'text/html',
  'shipping-rates.csv': 'text/csv',
  'product-catalog.json': 'application/json',
  'security-faq.txt': 'text/plain',
  'warranty-terms.pdf': 'application/pdf',
};

async function extractCorpusFile(file: string): Promise<string> {
  const body = readFileSync(join(CORPUS, file));
  return extractText(body, sniffContentType(body.subarray(0, 4096), null, file));
}

describe('ingestion test corpus', () => {
  beforeAll(installPdfWorkerForJest);

  it('holds one 1-3 KB document per supported format', () => {
    const documents = readdirSync(CORPUS).filter((file) => !file.endsWith('.ts') && file !== 'questions.json');
    expect(documents.sort()).toEqual(Object.keys(EXPECTED_TYPES).sort());
    for (const file of documents) {
      const size = readFileSync(join(CORPUS, file)).length;
      expect(size).toBeGreaterThanOrEqual(1000);
      expect(size).toBeLessThanOrEqual(3072);
    }
  });

  it.each(Object.entries(EXPECTED_TYPES))('sniffs %s as %s from its bytes and name', (file, type) => {
    const body = readFileSync(join(CORPUS, file));
    expect(sniffContentType(body.subarray(0, 4096), null, file)).toBe(type);
    expect(kindOfContentType(type)).toBe('text');
  });

  it('has one or two questions per document', () => {
    for (const file of Object.keys(EXPECTED_TYPES)) {
      const count = questions.filter((question) => question.file === file).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(2);
    }
  });

  it.each(questions.map((q) => [q.question, q] as const))('%s: the answer is in the extracted text', async (_, q) => {
    const text = await extractCorpusFile(q.file);
    expect(text).toContain(q.answerContains);
    // Only the document that answers a question contains its answer.
    for (const other of Object.keys(EXPECTED_TYPES).filter((file) => file !== q.file)) {
      expect(await extractCorpusFile(other)).not.toContain(q.answerContains);
    }
  });

  it.each(questions.map((q) => [q.question, q] as const))(
    '%s: the answer lies within a single chunk with the default chunking',
    async (_, q) => {
      const chunks = chunkText(await extractCorpusFile(q.file), DEFAULT_CHUNKING);
      expect(chunks.some((chunk) => chunk.text.includes(q.answerContains))).toBe(true);
    },
  );

  it('the committed warranty-terms.pdf is what make-pdf.ts generates', async () => {
    const committed = readFileSync(join(CORPUS, 'warranty-terms.pdf'));
    expect(Buffer.from(await makeWarrantyPdf()).equals(committed)).toBe(true);
  });
});
