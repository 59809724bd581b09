import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './access/access.guard';
import { ActingUsers } from './access/acting-users';
import { RouteGuardCheck } from './access/route-guard.check';
import { AuthFailureRecorder } from './auth/auth-failure.recorder';
import { AuthGuard } from './auth/auth.guard';
import { KeyVerifier } from './auth/key-verifier';
import { CacheInvalidation } from './cache/cache-invalidation';
import { IdentityEventsConsumer } from './events/identity-events.consumer';
import { QuotaGuard } from './quota/quota.guard';
import { QuotaStatuses } from './quota/quota-status';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimiter } from './rate-limit/rate-limiter';
import { UsageMeter } from './usage/usage-meter';
import { Forwarder } from './upstream/forwarder';
import { UpstreamClient } from './upstream/upstream.client';

/**
 * What every route goes through, in order: AuthGuard (bearer key) -> RateLimitGuard (per key)
 * -> AccessGuard (acting user, scope and role; counts the request as the tenant's usage) ->
 * QuotaGuard (@ConsumesQuota routes), then the forward to a service.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [IdentityEventsConsumer],
  providers: [
    UpstreamClient,
    Forwarder,
    KeyVerifier,
    ActingUsers,
    QuotaStatuses,
    CacheInvalidation,
    AuthFailureRecorder,
    RateLimiter,
    UsageMeter,
    RouteGuardCheck,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: QuotaGuard },
  ],
  exports: [UpstreamClient, Forwarder, CacheInvalidation],
})
export class GatewayCoreModule {}
