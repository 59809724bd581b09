import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@rag/http';
import { FastifyRequest } from 'fastify';
import { AuthFailureRecorder } from '../auth/auth-failure.recorder';
import { AuthRefusedError } from '../auth/auth.errors';
import { Caller, isSystemKey } from '../auth/caller';
import { traceHeaders } from '../upstream/forward-headers';
import { UsageMeter } from '../usage/usage-meter';
import { accessRuleOf, isPublicRoute } from './access.decorator';
import { ActingUsers } from './acting-users';
import { actorFor } from './actor';
import { decideAccess } from './permission';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function actingUserId(request: FastifyRequest): string | undefined {
  const value = request.headers['x-user-id'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_user_id', 'X-User-Id must be one user id (a UUID)');
  }
  return value.toLowerCase();
}

/**
 * After authentication and the rate limit: resolves the acting user (`X-User-Id`), checks the
 * route's @Access rule against the key's scope and the user's role, and counts the request.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: ActingUsers,
    private readonly recorder: AuthFailureRecorder,
    private readonly usage: UsageMeter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = request.caller;
    const rule = accessRuleOf(this.reflector, context);
    // Unreachable while the boot check runs; a route nobody classified is closed, not open.
    if (!caller || !rule) throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'this route is not open to callers');
    try {
      await this.resolveUser(request, caller);
      const decision = decideAccess(rule, caller.key, caller.user);
      if (!decision.allowed) throw new AuthRefusedError('insufficient_scope', caller.key.tenantId, decision.message);
      caller.permission = decision.permission;
      // Usage is what a tenant was let do (system keys have no tenant); counted here rather than
      // in an interceptor, which costs Nest an AsyncResource per request.
      if (caller.key.tenantId) this.usage.count(caller.key.tenantId);
      return true;
    } catch (error) {
      if (error instanceof AuthRefusedError) this.recorder.record(request, error, actorFor(caller, request));
      throw error;
    }
  }

  private async resolveUser(request: FastifyRequest, caller: Caller): Promise<void> {
    const userId = actingUserId(request);
    if (userId === undefined) return;
    if (isSystemKey(caller.key) || !caller.key.tenantId) {
      throw new AuthRefusedError('unknown_user', null, 'X-User-Id names a tenant user; a system key has no tenant');
    }
    caller.user = await this.users.resolve(caller.key.tenantId, userId, {
      'x-request-id': request.id,
      ...traceHeaders(request),
    });
  }
}
