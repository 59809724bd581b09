import { eng } from 'stopword';
import { Completion, CompletionRequest, estimateTokens, LlmProvider } from './llm-provider';
import { parseRagPrompt } from './rag-prompt';
import { parseSummaryPrompt } from './summary-prompt';

export const NOT_FOUND_ANSWER = 'I could not find this in the provided sources.';

const MAX_SENTENCES = 3;
const MAX_SUMMARY_CHARS = 4000;
const MAX_SUMMARY_LINE_CHARS = 200;
const STOPWORDS = new Set([
  ...eng,
  ...['does', 'do', 'did', 'can', 'could', 'would', 'should', 'much', 'many', 'tell', 'please', 'get', 'use'],
]);

/**
 * Answers without a model, from the passages of a `buildRagPrompt` prompt: the (at most three)
 * sentences sharing most content words with the question, each followed by its citation [n].
 * Summarizes a `buildSummaryPrompt` prompt the same way: the first sentence of each turn.
 * Deterministic; needs no network.
 */
export class LocalExtractiveAnswerer implements LlmProvider {
  readonly type = 'local-extractive' as const;

  constructor(readonly name = 'local-extractive') {}

  async complete(request: CompletionRequest, onDelta?: (text: string) => void): Promise<Completion> {
    request.signal?.throwIfAborted();
    const summary = summarize(request);
    const pieces = summary === undefined ? answerPieces(request) : [summary];
    const text = pieces.join(' ');
    pieces.forEach((piece, i) => onDelta?.(i === 0 ? piece : ` ${piece}`));
    const prompt = request.messages.map((message) => message.content).join('\n');
    return {
      text,
      model: request.model || this.name,
      usage: { inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(text), estimated: true },
      finishReason: 'stop',
      provider: this.name,
    };
  }
}

interface Candidate {
  sentence: string;
  source: number;
  order: number;
  overlap: number;
  density: number;
}

function answerPieces(request: CompletionRequest): string[] {
  const prompt = parseRagPrompt(request.messages);
  const questionWords = new Set(contentWords(prompt?.question ?? ''));
  if (!prompt || questionWords.size === 0) return [NOT_FOUND_ANSWER];
  let order = 0;
  const candidates: Candidate[] = prompt.passages.flatMap((passage) =>
    sentencesOf(passage.text).map((sentence) => {
      const words = new Set(contentWords(sentence));
      const overlap = [...words].filter((word) => questionWords.has(word)).length;
      return { sentence, source: passage.number, order: order++, overlap, density: overlap / (words.size || 1) };
    }),
  );
  const best = Math.max(0, ...candidates.map((candidate) => candidate.overlap));
  if (best === 0) return [NOT_FOUND_ANSWER];
  // Sentences much weaker than the best one would only add noise.
  const threshold = Math.max(1, Math.ceil(best / 2));
  return candidates
    .filter((candidate) => candidate.overlap >= threshold)
    .sort((a, b) => b.overlap - a.overlap || b.density - a.density || a.order - b.order)
    .slice(0, MAX_SENTENCES)
    .map((candidate) => `${candidate.sentence} [${candidate.source}]`);
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** Lowercase words without stopwords, a plural "s" dropped so that "invoices" meets "invoice". */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => !STOPWORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

/** The previous summary, then the first sentence of each turn; the oldest lines go first when too long. */
function summarize(request: CompletionRequest): string | undefined {
  const prompt = parseSummaryPrompt(request.messages);
  if (!prompt) return undefined;
  const lines = prompt.turns.map((turn) => {
    const first = sentencesOf(turn.content.replace(/\s*\[\d+\]/g, ''))[0] ?? '';
    return `${turn.role === 'user' ? 'The user asked' : 'The answer'}: ${first.slice(0, MAX_SUMMARY_LINE_CHARS)}`;
  });
  let summary = [prompt.previous, ...lines].filter(Boolean).join('\n');
  while (summary.length > MAX_SUMMARY_CHARS) summary = summary.slice(summary.indexOf('\n') + 1 || MAX_SUMMARY_CHARS);
  return summary.slice(-MAX_SUMMARY_CHARS);
}
