import { Actor } from '@rag/contracts';
import { FastifyRequest } from 'fastify';
import { Caller, isSystemKey } from '../auth/caller';
import { clientIp, clientUserAgent } from '../http/client-info';

/**
 * The actor services record for a request: the acting user when `X-User-Id` was given (the
 * key only authorised them), else the key itself, or for a system key the system admin it
 * belongs to.
 */
export function actorFor(caller: Caller, request: FastifyRequest): Actor {
  const seen = { ip: clientIp(request), userAgent: clientUserAgent(request) };
  if (caller.user) return { id: caller.user.id, type: 'user', ...seen };
  if (isSystemKey(caller.key))
    return { id: caller.key.systemAdminId ?? caller.key.keyId, type: 'system_admin', ...seen };
  return { id: caller.key.keyId, type: 'api_key', ...seen };
}

export function anonymousActor(request: FastifyRequest): Actor {
  return { id: null, type: 'anonymous', ip: clientIp(request), userAgent: clientUserAgent(request) };
}
