import { LocalExtractiveAnswerer, NOT_FOUND_ANSWER } from './local-extractive.answerer';
import { buildRagPrompt } from './rag-prompt';

const passages = [
  { id: 'a', text: 'Our office opens at nine. The cafeteria serves lunch from noon.' },
  { id: 'b', text: 'Invoices are due within 30 days of receipt. Late invoices incur a 2% fee.' },
  { id: 'c', text: 'Parking is free for visitors.' },
];

describe('LocalExtractiveAnswerer', () => {
  const answerer = new LocalExtractiveAnswerer();
  const ask = (question: string, onDelta?: (text: string) => void) =>
    answerer.complete({ model: '', messages: buildRagPrompt(question, passages) }, onDelta);

  it('answers with the best matching sentences, each followed by its citation', async () => {
    const completion = await ask('When are invoices due?');

    expect(completion.text).toBe('Invoices are due within 30 days of receipt. [2] Late invoices incur a 2% fee. [2]');
    expect(completion).toMatchObject({ provider: 'local-extractive', model: 'local-extractive', finishReason: 'stop' });
    expect(completion.usage).toEqual({
      inputTokens: expect.any(Number),
      outputTokens: Math.ceil(completion.text.length / 4),
      estimated: true,
    });
  });

  it('cites the passage the sentence came from', async () => {
    expect((await ask('Where can visitors park?')).text).toBe('Parking is free for visitors. [3]');
  });

  it('refuses when no sentence shares a content word with the question', async () => {
    expect((await ask('What is the capital of France?')).text).toBe(NOT_FOUND_ANSWER);
    expect(NOT_FOUND_ANSWER).toBe('I could not find this in the provided sources.');
  });

  it('refuses a prompt it cannot read', async () => {
    const completion = await answerer.complete({ model: 'x', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.text).toBe(NOT_FOUND_ANSWER);
  });

  it('gives at most three sentences', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `${i}`, text: `The fee number ${i} applies.` }));
    const completion = await answerer.complete({ model: '', messages: buildRagPrompt('Which fee applies?', many) });

    expect(completion.text.match(/\[\d+\]/g)).toEqual(['[1]', '[2]', '[3]']);
  });

  it('is deterministic and streams the same answer in pieces', async () => {
    const deltas: string[] = [];
    const streamed = await ask('When are invoices due?', (text) => deltas.push(text));

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(streamed.text);
    expect((await ask('When are invoices due?')).text).toBe(streamed.text);
  });
});
