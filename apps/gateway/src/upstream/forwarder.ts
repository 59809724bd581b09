import { OutgoingHttpHeaders } from 'node:http';
import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { forwardHeaders } from './forward-headers';
import {
  QueryValue,
  UpstreamClient,
  UpstreamRequest,
  UpstreamService,
  UpstreamStreamResponse,
} from './upstream.client';
import { passThroughClientError } from './upstream.errors';

/** The request being answered and its reply, for handlers that forward. */
export interface HttpExchange {
  request: FastifyRequest;
  reply: FastifyReply;
}

export const Exchange = createParamDecorator((_: unknown, context: ExecutionContext): HttpExchange => ({
  request: context.switchToHttp().getRequest<FastifyRequest>(),
  reply: context.switchToHttp().getResponse<FastifyReply>(),
}));

export interface ForwardTarget extends Omit<UpstreamRequest, 'headers' | 'query'> {
  /** A validated query DTO or plain values; undefined fields are left out. */
  query?: object;
}

export interface StreamTarget {
  path: string;
  query?: object;
  /** Client request headers passed on as they came (e.g. `last-event-id`). */
  passHeaders?: readonly string[];
}

/**
 * Sends an authorised request on to a service in the caller's scope and answers with the
 * service's status and body; a 4xx body goes to the client unchanged.
 */
@Injectable()
export class Forwarder {
  constructor(private readonly upstream: UpstreamClient) {}

  async forward(service: UpstreamService, exchange: HttpExchange, target: ForwardTarget): Promise<unknown> {
    const caller = exchange.request.caller;
    if (!caller) throw new Error('forwarding a request that no guard authenticated');
    const response = await this.upstream.call(service, {
      ...target,
      query: target.query as Record<string, QueryValue> | undefined,
      headers: forwardHeaders(exchange.request, caller),
    });
    if (response.status >= 400) throw passThroughClientError(service, response.status, response.body);
    void exchange.reply.status(response.status);
    return response.body;
  }

  /**
   * Forwards a GET answered with a stream (Server-Sent Events) chunk by chunk, unbuffered. An
   * error the service answers before the stream starts reaches the client as the usual JSON
   * error; a client that goes away closes the call to the service.
   */
  async stream(service: UpstreamService, exchange: HttpExchange, target: StreamTarget): Promise<void> {
    const { request, reply } = exchange;
    const caller = request.caller;
    if (!caller) throw new Error('forwarding a request that no guard authenticated');
    const headers = forwardHeaders(request, caller);
    for (const name of target.passHeaders ?? []) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const gone = new AbortController();
    const abort = () => gone.abort();
    reply.raw.once('close', abort);
    let response: UpstreamStreamResponse;
    try {
      response = await this.upstream.stream(service, {
        path: target.path,
        query: target.query as Record<string, QueryValue> | undefined,
        headers,
        signal: gone.signal,
      });
    } catch (error) {
      if (!gone.signal.aborted) throw error;
      reply.hijack();
      return;
    } finally {
      reply.raw.off('close', abort);
    }
    if (!('stream' in response)) throw passThroughClientError(service, response.status, response.body);
    const upstream = response.stream;
    reply.hijack();
    const raw = reply.raw;
    if (raw.destroyed) {
      upstream.destroy();
      return;
    }
    const head: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) head[name] = value;
    raw.writeHead(response.status, {
      ...head,
      'content-type': response.headers['content-type'] ?? 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      // The connection ends with the stream: nothing to reuse, and nothing left to hold a shutdown.
      connection: 'close',
    });
    raw.flushHeaders();
    // Each chunk is written as it arrives; the service ending (or failing) ends the answer cleanly.
    upstream.pipe(raw, { end: false });
    upstream.on('error', () => undefined);
    upstream.once('close', () => {
      if (!raw.writableEnded) raw.end();
    });
    raw.once('close', () => upstream.destroy());
  }
}
