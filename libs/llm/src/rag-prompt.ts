import { ChatMessage } from './llm-provider';

export const DEFAULT_RAG_SYSTEM_PROMPT =
  'Answer the question using only the numbered sources below. Cite every statement with the number ' +
  'of its source in square brackets, like [1] or [2]. If the sources do not contain the answer, say that ' +
  'you could not find it in the provided sources.';

const SOURCES_HEADING = 'Sources:';
const QUESTION_HEADING = 'Question: ';

export interface RagPassage {
  id: string;
  text: string;
}

/** A prompt read back: `number` is the citation [n] of each passage (1-based, in prompt order). */
export interface ParsedRagPrompt {
  question: string;
  passages: { number: number; text: string }[];
}

/**
 * The prompt contract: a system message, then one user message listing the passages as `[n] text`
 * blocks (blank lines between them) and the question last. Citation [n] is `passages[n - 1]`; blank
 * lines inside a passage are reduced to single newlines so that the blocks stay apart.
 */
export function buildRagPrompt(question: string, passages: RagPassage[], systemPrompt?: string): ChatMessage[] {
  const sources = passages.map((passage, i) => `[${i + 1}] ${passage.text.trim().replace(/\s*\n\s*\n\s*/g, '\n')}`);
  return [
    { role: 'system', content: systemPrompt ?? DEFAULT_RAG_SYSTEM_PROMPT },
    { role: 'user', content: `${SOURCES_HEADING}\n\n${sources.join('\n\n')}\n\n${QUESTION_HEADING}${question.trim()}` },
  ];
}

/** Reads back a prompt made by `buildRagPrompt` (the last user message); undefined for any other prompt. */
export function parseRagPrompt(messages: ChatMessage[]): ParsedRagPrompt | undefined {
  const user = [...messages].reverse().find((message) => message.role === 'user')?.content;
  if (!user?.startsWith(`${SOURCES_HEADING}\n`)) return undefined;
  const questionAt = user.lastIndexOf(`\n${QUESTION_HEADING}`);
  if (questionAt < 0) return undefined;
  const question = user.slice(questionAt + 1 + QUESTION_HEADING.length).trim();
  const body = user.slice(SOURCES_HEADING.length, questionAt).trim();
  const passages = body
    ? body.split(/\n\n(?=\[\d+\] )/).flatMap((block) => {
        const match = /^\[(\d+)\] ([\s\S]*)$/.exec(block.trim());
        return match ? [{ number: Number(match[1]), text: match[2].trim() }] : [];
      })
    : [];
  return { question, passages };
}

/** The source numbers an answer cites, e.g. "... [2] ... [1][2]" → [2, 1], first appearance first. */
export function citedSourceNumbers(answer: string): number[] {
  const numbers = [...answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  return [...new Set(numbers)];
}
