import { ChatMessage } from './llm-provider';

export const SUMMARY_SYSTEM_PROMPT =
  "Summarize the conversation below for an assistant that will continue it: keep the user's questions, " +
  'the facts given in the answers and any decisions, in at most 200 words. Build on the previous summary ' +
  'when there is one. Answer with the summary only.';

const PREVIOUS_HEADING = 'Previous summary:';
const TURNS_HEADING = 'Conversation to summarize:';

export interface SummaryTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ParsedSummaryPrompt {
  previous: string | null;
  turns: SummaryTurn[];
}

/** The prompt contract: a system message, then one user message with the previous summary and the turns, one per line. */
export function buildSummaryPrompt(previous: string | null, turns: SummaryTurn[]): ChatMessage[] {
  const lines = turns.map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${oneLine(turn.content)}`);
  const prior = previous?.trim() ? `${PREVIOUS_HEADING}\n${oneLine(previous)}\n\n` : '';
  return [
    { role: 'system', content: SUMMARY_SYSTEM_PROMPT },
    { role: 'user', content: `${prior}${TURNS_HEADING}\n${lines.join('\n')}` },
  ];
}

/** Reads back a prompt made by `buildSummaryPrompt`; undefined for any other prompt. */
export function parseSummaryPrompt(messages: ChatMessage[]): ParsedSummaryPrompt | undefined {
  if (messages[0]?.content !== SUMMARY_SYSTEM_PROMPT) return undefined;
  const user = messages.find((message) => message.role === 'user')?.content ?? '';
  const at = user.indexOf(`${TURNS_HEADING}\n`);
  if (at < 0) return undefined;
  const prior = user.slice(0, at).trim();
  const previous = prior.startsWith(PREVIOUS_HEADING) ? prior.slice(PREVIOUS_HEADING.length).trim() : null;
  const turns = user
    .slice(at + TURNS_HEADING.length + 1)
    .split('\n')
    .flatMap((line): SummaryTurn[] => {
      const match = /^(User|Assistant): (.*)$/.exec(line);
      if (!match) return [];
      return [{ role: match[1] === 'User' ? 'user' : 'assistant', content: match[2] }];
    });
  return { previous, turns };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
