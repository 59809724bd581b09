import { readServerSentEvents, ServerSentEvent } from './server-sent-events';

async function read(...chunks: string[]): Promise<ServerSentEvent[]> {
  async function* bytes() {
    for (const chunk of chunks) yield new TextEncoder().encode(chunk);
  }
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(bytes())) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads events split anywhere across chunks, with CRLF or LF line ends', async () => {
    expect(await read('event: a\r', '\ndata: {"x"', ':1}\r\n\r\n: comment\n', 'data: [DONE]\n\n')).toEqual([
      { event: 'a', data: '{"x":1}' },
      { data: '[DONE]' },
    ]);
  });

  it('joins multi-line data and delivers a last event without its blank line', async () => {
    expect(await read('data: one\ndata: two\n\ndata:three')).toEqual([{ data: 'one\ntwo' }, { data: 'three' }]);
  });
});
