import { IncomingHttpHeaders, request as httpRequest } from 'node:http';

export interface ServerSentEvent {
  event: string;
  id?: string;
  data: string;
}

export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** The JSON body of an answer that is not a stream (an error). */
  body?: unknown;
  events: ServerSentEvent[];
  /** Comment lines seen so far (`: keepalive`). */
  comments: string[];
  /** Resolves with the first event (seen or to come) that matches, or fails after `timeoutMs`. */
  next(match: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Resolves once the server ended the stream. */
  ended(): Promise<void>;
  close(): void;
}

/** Opens `GET url` as EventSource would and parses the Server-Sent Events as they come. */
export function openEventStream(url: string, headers: Record<string, string>): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'GET', headers: { accept: 'text/event-stream', ...headers } });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const isStream = String(response.headers['content-type']).startsWith('text/event-stream');
      const events: ServerSentEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let ended = false;
      let buffer = '';
      const client: EventStreamClient = {
        status,
        headers: response.headers,
        events,
        comments,
        next: (match, timeoutMs = 15_000) =>
          new Promise((found, fail) => {
            const check = () => {
              const event = events.find(match);
              if (event) {
                cleanup();
                found(event);
              } else if (ended) {
                cleanup();
                fail(new Error(`the stream ended; events: ${JSON.stringify(events)}`));
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(new Error(`no matching event within ${timeoutMs} ms; events: ${JSON.stringify(events)}`));
            }, timeoutMs);
            const cleanup = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          }),
        ended: () =>
          new Promise((done) => {
            if (ended) done();
            else response.once('close', () => done());
          }),
        close: () => outgoing.destroy(),
      };
      const notify = () => [...waiters].forEach((check) => check());
      response.on('close', () => {
        ended = true;
        notify();
      });
      response.on('error', () => undefined);
      if (!isStream) {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ ...client, body: text ? (JSON.parse(text) as unknown) : undefined });
        });
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ ...event, data: data.join('\n') });
        }
        notify();
      });
      resolve(client);
    });
    outgoing.end();
  });
}
