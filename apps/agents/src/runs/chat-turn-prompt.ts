import { ChatMessageView } from '@rag/api';
import { buildRagPrompt, ChatMessage, DEFAULT_RAG_SYSTEM_PROMPT, RagPassage } from '@rag/llm';

const MAX_HISTORY_MESSAGE_CHARS = 4000;

export interface ChatTurnPromptInput {
  question: string;
  passages: RagPassage[];
  sessionSystemPrompt: string | null;
  summary: string | null;
  history: ChatMessageView[];
}

/**
 * The RAG prompt (numbered sources, then the question, last) with the session's own system prompt
 * and rolling summary added to the instructions and its recent turns before the question.
 */
export function buildChatTurnPrompt(input: ChatTurnPromptInput): ChatMessage[] {
  const instructions = [
    DEFAULT_RAG_SYSTEM_PROMPT,
    input.sessionSystemPrompt,
    input.summary ? `Summary of the earlier conversation:\n${input.summary}` : null,
  ]
    .filter(Boolean)
    .join('\n\n');
  const [system, question] = buildRagPrompt(input.question, input.passages, instructions);
  const history: ChatMessage[] = input.history
    .filter((message) => message.role === 'user' || message.role === 'assistant')
    .map((message) => ({
      role: message.role as 'user' | 'assistant',
      content: message.content.slice(0, MAX_HISTORY_MESSAGE_CHARS),
    }));
  return [system, ...history, question];
}
