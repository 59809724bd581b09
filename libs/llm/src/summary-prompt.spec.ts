import { LocalExtractiveAnswerer } from './local-extractive.answerer';
import { buildSummaryPrompt, parseSummaryPrompt } from './summary-prompt';

describe('summary prompt', () => {
  const turns = [
    { role: 'user' as const, content: 'What is the refund window?\nFor damaged parcels.' },
    { role: 'assistant' as const, content: 'It is 30 days [1]. Photos are needed [2].' },
  ];

  it('reads back what it built, one line per turn', () => {
    expect(parseSummaryPrompt(buildSummaryPrompt('Earlier: shipping rates.', turns))).toEqual({
      previous: 'Earlier: shipping rates.',
      turns: [
        { role: 'user', content: 'What is the refund window? For damaged parcels.' },
        { role: 'assistant', content: 'It is 30 days [1]. Photos are needed [2].' },
      ],
    });
    expect(parseSummaryPrompt(buildSummaryPrompt(null, turns))?.previous).toBeNull();
    expect(parseSummaryPrompt([{ role: 'user', content: 'hello' }])).toBeUndefined();
  });

  it('is summarized locally from the previous summary and the first sentence of each turn, without citations', async () => {
    const completion = await new LocalExtractiveAnswerer().complete({
      model: 'local',
      messages: buildSummaryPrompt('The user asked about shipping.', turns),
    });
    expect(completion.text).toBe(
      'The user asked about shipping.\nThe user asked: What is the refund window?\nThe answer: It is 30 days.',
    );
  });

  it('keeps a long summary bounded, dropping the oldest lines first', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      role: 'user' as const,
      content: `Question number ${i} ${'x'.repeat(100)}.`,
    }));
    const { text } = await new LocalExtractiveAnswerer().complete({
      model: 'local',
      messages: buildSummaryPrompt(null, many),
    });
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text).toContain('Question number 99');
    expect(text).not.toContain('Question number 0 ');
  });
});
