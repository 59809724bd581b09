import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QuotaName } from '@rag/api';
import { ApiError } from '@rag/http';
import { FastifyRequest } from 'fastify';
import { traceHeaders } from '../upstream/forward-headers';
import { CONSUMES_QUOTA } from './consumes-quota.decorator';
import { QuotaStatus, QuotaStatuses } from './quota-status';

export class QuotaExceededError extends ApiError {
  constructor(quota: QuotaName) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'quota_exceeded', `the tenant's daily ${quota} quota is used up`, { quota });
  }
}

/** Whether a request spending `quota` may go on, given the tenant's status (unknown: yes). */
export function quotaRefusal(quota: QuotaName, status: QuotaStatus | undefined): QuotaExceededError | undefined {
  return status?.exceeded.includes(quota) ? new QuotaExceededError(quota) : undefined;
}

/** Last guard: only routes marked @ConsumesQuota(...) ask for the tenant's quota status. */
@Injectable()
export class QuotaGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly statuses: QuotaStatuses,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const quota = this.reflector.getAllAndOverride<QuotaName | undefined>(CONSUMES_QUOTA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const tenantId = request.caller?.key.tenantId;
    if (!quota || !tenantId) return true;
    const status = await this.statuses.of(tenantId, { 'x-request-id': request.id, ...traceHeaders(request) });
    const refusal = quotaRefusal(quota, status);
    if (refusal) throw refusal;
    return true;
  }
}
