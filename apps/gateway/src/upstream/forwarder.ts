import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { forwardHeaders } from './forward-headers';
import { QueryValue, UpstreamClient, UpstreamRequest, UpstreamService } from './upstream.client';
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
}
