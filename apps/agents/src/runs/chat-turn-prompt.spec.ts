import { LocalExtractiveAnswerer, parseRagPrompt } from '@rag/llm';
import { buildChatTurnPrompt } from './chat-turn-prompt';

const message = (role: string, content: string) => ({
  id: 'm',
  sessionId: 's',
  role: role as 'user',
  content,
  references: [],
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('chat turn prompt', () => {
  const messages = buildChatTurnPrompt({
    question: 'How long is the refund window?',
    passages: [{ id: 'c1', text: 'The refund window is 30 days.' }],
    sessionSystemPrompt: 'Answer in one sentence.',
    summary: 'The user asked about shipping.',
    history: [message('user', 'Hi'), message('assistant', 'Hello [1]'), message('tool', 'ignored')],
  });

  it('adds the session prompt and summary to the instructions and puts recent turns before the question', () => {
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0].content).toContain('Cite every statement');
    expect(messages[0].content).toContain('Answer in one sentence.');
    expect(messages[0].content).toContain('Summary of the earlier conversation:\nThe user asked about shipping.');
    expect(parseRagPrompt(messages)).toEqual({
      question: 'How long is the refund window?',
      passages: [{ number: 1, text: 'The refund window is 30 days.' }],
    });
  });

  it('is answered by the local answerer from the sources, not from the history', async () => {
    const { text } = await new LocalExtractiveAnswerer().complete({ model: 'local', messages });
    expect(text).toBe('The refund window is 30 days. [1]');
  });
});
