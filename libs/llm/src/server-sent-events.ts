export interface ServerSentEvent {
  /** The `event:` field, when the server sent one. */
  event?: string;
  data: string;
}

/** Reads a text/event-stream body event by event (comments and `id:`/`retry:` fields are ignored). */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  const takeLine = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const dispatched = data.length ? { ...(event ? { event } : {}), data: data.join('\n') } : undefined;
      event = undefined;
      data = [];
      return dispatched;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    return undefined;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A lone CR at the end may be the first half of a CRLF split across chunks.
      if (newline === buffer.length - 1 && buffer.endsWith('\r')) break;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      const dispatched = takeLine(line);
      if (dispatched) yield dispatched;
    }
  }
  buffer += decoder.decode();
  // A last event without its closing blank line is still delivered.
  const last = takeLine(buffer) ?? takeLine('');
  if (last) yield last;
}
