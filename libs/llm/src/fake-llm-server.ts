import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}
export type Reply = (request: ReceivedRequest, response: ServerResponse) => void;

/** For specs: a local HTTP server answering each request with the next queued reply. */
export class FakeLlmServer {
  readonly received: ReceivedRequest[] = [];
  private readonly replies: Reply[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const received = { url: request.url ?? '', headers: request.headers, body: JSON.parse(text || '{}') };
    this.received.push(received);
    const reply = this.replies.shift() ?? json(500, { error: { message: 'no reply queued' } });
    reply(received, response);
  }
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

/** Server-Sent Events, written one event per chunk; `event` names are optional. */
export const sse =
  (events: { event?: string; data: unknown }[]): Reply =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const { event, data } of events) {
      const payload = typeof data === 'string' ? data : JSON.stringify(data);
      response.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
    }
    response.end();
  };

/** Never answers (the connection is closed when the server stops). */
export const silence: Reply = () => undefined;
