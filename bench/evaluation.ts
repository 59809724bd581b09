import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EvaluationSample, LocalJudge } from '@rag/evaluation';
import { benchReportRender } from './report-render';
import { Figure, figure } from './report';

const SAMPLES = Number(process.env.BENCH_EVALUATION_SAMPLES ?? 500);
const CORPUS = join(__dirname, '..', 'apps', 'ingestion', 'test', 'corpus');
const INVENTED = [
  'The warehouse on Mars ships parcels every Tuesday.',
  'Refunds are paid in gold coins after ten years.',
  'The security hotline plays jazz during lunch breaks.',
];

/** 400-character chunks of the text files of the test corpus. */
async function corpusChunks(): Promise<string[]> {
  const texts = await Promise.all(
    ['refund-policy.md', 'security-faq.txt', 'shipping-rates.csv', 'product-catalog.json'].map((file) =>
      readFile(join(CORPUS, file), 'utf8'),
    ),
  );
  return texts.flatMap((text) => text.match(/[\s\S]{1,400}/g) ?? []);
}

/** Answers of three sentences: two from the retrieved chunks and, every third sample, one invented. */
function samples(chunks: string[]): EvaluationSample[] {
  return Array.from({ length: SAMPLES }, (_, n) => {
    const contexts = Array.from({ length: 6 }, (_, k) => {
      const index = (n * 7 + k * 3) % chunks.length;
      return { chunkId: `chunk-${index}`, objectId: `object-${index % 4}`, text: chunks[index] };
    });
    const sentences = contexts.flatMap((context) => context.text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30));
    const answer = [sentences[n % sentences.length], sentences[(n + 1) % sentences.length]];
    if (n % 3 === 0) answer.push(INVENTED[n % INVENTED.length]);
    return { question: `What does the policy say about item ${n}?`, answer: answer.join(' '), contexts };
  });
}

/** Evaluations per second with the local judge (in process, one at a time), and report rendering. */
export async function benchEvaluation(): Promise<Figure[]> {
  const judge = new LocalJudge();
  const all = samples(await corpusChunks());
  for (const sample of all.slice(0, 20)) await judge.score(sample); // warm-up
  const started = performance.now();
  for (const sample of all) await judge.score(sample);
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${SAMPLES} answers of 2-3 claims over 6 chunks each, scored in ${seconds.toFixed(2)} s`);
  return [figure('evaluations per second, local judge', SAMPLES / seconds, 'evals/s'), ...(await benchReportRender())];
}
