import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@rag/http';
import { counter } from '@rag/observability';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiter } from './rate-limiter';

const limited = counter('gateway_rate_limited_total', 'Requests refused by the per-key rate limit');

/** Second guard: spends one token of the key's bucket; 429 with Retry-After when it is empty. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.caller) return true;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const result = this.limiter.take(request.caller.key.keyId);
    void reply.header('ratelimit-limit', this.limiter.limit);
    if (result.allowed) {
      void reply.header('ratelimit-remaining', result.remaining);
      return true;
    }
    limited.inc();
    void reply.header('ratelimit-remaining', 0);
    void reply.header('retry-after', Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
    throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'too many requests for this api key', {
      retryAfterMs: result.retryAfterMs,
    });
  }
}
