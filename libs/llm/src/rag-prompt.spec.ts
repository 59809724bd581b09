import { buildRagPrompt, citedSourceNumbers, DEFAULT_RAG_SYSTEM_PROMPT, parseRagPrompt } from './rag-prompt';

describe('buildRagPrompt / parseRagPrompt', () => {
  const passages = [
    { id: 'chunk-a', text: 'Invoices are sent monthly.\n\n\nThey are due in 30 days.' },
    { id: 'chunk-b', text: 'Refunds take five days.' },
  ];

  it('numbers the passages in a user message after a system message asking for citations', () => {
    const [system, user] = buildRagPrompt('When are invoices due?', passages);

    expect(system).toEqual({ role: 'system', content: DEFAULT_RAG_SYSTEM_PROMPT });
    expect(system.content).toContain('[1]');
    expect(user.role).toBe('user');
    expect(user.content).toBe(
      'Sources:\n\n[1] Invoices are sent monthly.\nThey are due in 30 days.\n\n[2] Refunds take five days.\n\n' +
        'Question: When are invoices due?',
    );
  });

  it('reads back the question and the numbered passages', () => {
    expect(parseRagPrompt(buildRagPrompt('When are invoices due?', passages, 'Custom.'))).toEqual({
      question: 'When are invoices due?',
      passages: [
        { number: 1, text: 'Invoices are sent monthly.\nThey are due in 30 days.' },
        { number: 2, text: 'Refunds take five days.' },
      ],
    });
  });

  it('reads a prompt without passages, and refuses other prompts', () => {
    expect(parseRagPrompt(buildRagPrompt('Why?', []))).toEqual({ question: 'Why?', passages: [] });
    expect(parseRagPrompt([{ role: 'user', content: 'Hello' }])).toBeUndefined();
  });

  it('lists the cited source numbers once, in order of first citation', () => {
    expect(citedSourceNumbers('A [2]. B [1][2]. C.')).toEqual([2, 1]);
  });
});
