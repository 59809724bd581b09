import { currentTraceHeaders } from '@rag/observability';
import { FastifyRequest } from 'fastify';
import { actorFor } from '../access/actor';
import { Caller, VerifiedKey } from '../auth/caller';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The internal tenant scope of a key: its own tenant, or every tenant for a system key. */
export function scopeHeaders(key: VerifiedKey): Record<string, string> {
  return key.tenantId ? { 'x-tenant-id': key.tenantId } : { 'x-tenant-scope': 'all' };
}

/**
 * W3C trace context for the call: the gateway's own span when tracing runs (it continues the
 * client's trace), else the client's `traceparent` as it came.
 */
export function traceHeaders(request: FastifyRequest): Record<string, string> {
  const active = currentTraceHeaders();
  if (active.traceparent) return active;
  const given = request.headers.traceparent;
  return typeof given === 'string' && TRACEPARENT.test(given) ? { traceparent: given } : {};
}

/** Scope, actor, client address, user agent, request id and trace context for a service call. */
export function forwardHeaders(request: FastifyRequest, caller: Caller): Record<string, string> {
  const actor = actorFor(caller, request);
  const headers: Record<string, string> = {
    ...scopeHeaders(caller.key),
    ...traceHeaders(request),
    'x-actor-type': actor.type,
    'x-request-id': request.id,
  };
  if (actor.id) headers['x-actor-id'] = actor.id;
  if (actor.ip) headers['x-forwarded-for'] = actor.ip;
  if (actor.userAgent) headers['user-agent'] = actor.userAgent;
  return headers;
}
