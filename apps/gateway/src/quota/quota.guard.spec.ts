import { Controller, ExecutionContext, Get, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GatewayEnv } from '../gateway.env';
import { UpstreamClient, UpstreamRequest, UpstreamResponse, UpstreamService } from '../upstream/upstream.client';
import { ConsumesQuota } from './consumes-quota.decorator';
import { QuotaStatus, QuotaStatuses } from './quota-status';
import { QuotaExceededError, QuotaGuard, quotaRefusal } from './quota.guard';

const TENANT_ID = '11111111-2222-4333-8444-555555555555';

@Controller('v1/things')
class ThingsController {
  @Get('spend')
  @ConsumesQuota('tokens')
  spend(): void {}

  @Get('free')
  free(): void {}
}

function context(handler: keyof ThingsController, tenantId: string | null): ExecutionContext {
  const request = {
    id: 'req-1',
    headers: {},
    caller: {
      key: { keyId: 'k', tenantId, scope: tenantId ? 'write' : 'system', expiresAt: null, systemAdminId: null },
    },
  };
  return {
    getType: () => 'http',
    getHandler: () => ThingsController.prototype[handler],
    getClass: () => ThingsController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

function statuses(status: QuotaStatus | undefined) {
  const of = jest.fn<Promise<QuotaStatus | undefined>, [string, Record<string, string>?]>().mockResolvedValue(status);
  return { of, fake: { of } as unknown as QuotaStatuses };
}

describe('quotaRefusal', () => {
  it('refuses only the quota that is used up, and lets an unknown status through', () => {
    expect(quotaRefusal('tokens', { exceeded: ['tokens'] })).toBeInstanceOf(QuotaExceededError);
    expect(quotaRefusal('ingestions', { exceeded: ['tokens'] })).toBeUndefined();
    expect(quotaRefusal('storage', { exceeded: [] })).toBeUndefined();
    expect(quotaRefusal('tokens', undefined)).toBeUndefined();
  });

  it('answers 429 quota_exceeded naming the quota', () => {
    const refusal = quotaRefusal('storage', { exceeded: ['storage', 'tokens'] })!;
    expect(refusal.getStatus()).toBe(429);
    expect(refusal.getResponse()).toEqual({
      error: { code: 'quota_exceeded', message: expect.any(String), details: { quota: 'storage' } },
    });
  });
});

describe('QuotaGuard', () => {
  it("refuses a @ConsumesQuota route once the tenant's quota is exceeded", async () => {
    const { of, fake } = statuses({ exceeded: ['tokens'] });
    const guard = new QuotaGuard(new Reflector(), fake);
    await expect(guard.canActivate(context('spend', TENANT_ID))).rejects.toBeInstanceOf(QuotaExceededError);
    expect(of).toHaveBeenCalledWith(TENANT_ID, expect.objectContaining({ 'x-request-id': 'req-1' }));
  });

  it('lets it through while the quota lasts, and recovers when the status does', async () => {
    const { of, fake } = statuses({ exceeded: ['tokens'] });
    const guard = new QuotaGuard(new Reflector(), fake);
    await expect(guard.canActivate(context('spend', TENANT_ID))).rejects.toBeInstanceOf(QuotaExceededError);
    of.mockResolvedValue({ exceeded: [] });
    await expect(guard.canActivate(context('spend', TENANT_ID))).resolves.toBe(true);
  });

  it('asks nothing for routes without @ConsumesQuota, or for system keys', async () => {
    const { of, fake } = statuses({ exceeded: ['tokens'] });
    const guard = new QuotaGuard(new Reflector(), fake);
    await expect(guard.canActivate(context('free', TENANT_ID))).resolves.toBe(true);
    await expect(guard.canActivate(context('spend', null))).resolves.toBe(true);
    expect(of).not.toHaveBeenCalled();
  });
});

describe('QuotaStatuses', () => {
  beforeAll(() => Logger.overrideLogger(false));
  function identity(...answers: (UpstreamResponse | Error)[]) {
    const call = jest.fn<Promise<UpstreamResponse>, [UpstreamService, UpstreamRequest]>();
    for (const answer of answers) {
      if (answer instanceof Error) call.mockRejectedValueOnce(answer);
      else call.mockResolvedValueOnce(answer);
    }
    return { call, client: { call } as unknown as UpstreamClient };
  }
  const env = Object.assign(new GatewayEnv(), { QUOTA_CACHE_TTL_MS: 5000 });
  const exceeded = { status: 200, body: { tokens: { used: 10, limit: 10 }, exceeded: ['tokens', 'bogus'] } };

  it("asks identity in the tenant's scope, keeps known quota names, and reuses the answer", async () => {
    const { call, client } = identity(exceeded);
    const quotas = new QuotaStatuses(client, env);
    expect(await quotas.of(TENANT_ID)).toEqual({ exceeded: ['tokens'] });
    expect(await quotas.of(TENANT_ID)).toEqual({ exceeded: ['tokens'] });
    expect(call).toHaveBeenCalledTimes(1);
    expect(call.mock.calls[0][1]).toMatchObject({ path: '/quota-status', headers: { 'x-tenant-id': TENANT_ID } });
  });

  it('forgets a tenant when its quotas change', async () => {
    const { call, client } = identity(exceeded, { status: 200, body: { exceeded: [] } });
    const quotas = new QuotaStatuses(client, env);
    await quotas.of(TENANT_ID);
    quotas.drop(TENANT_ID);
    expect(await quotas.of(TENANT_ID)).toEqual({ exceeded: [] });
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('answers undefined (let through) when identity fails, without caching that', async () => {
    const { client } = identity(new Error('ECONNREFUSED'), { status: 500, body: {} }, exceeded);
    const quotas = new QuotaStatuses(client, env);
    expect(await quotas.of(TENANT_ID)).toBeUndefined();
    expect(await quotas.of(TENANT_ID)).toBeUndefined();
    expect(await quotas.of(TENANT_ID)).toEqual({ exceeded: ['tokens'] });
  });
});
