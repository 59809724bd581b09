import { Injectable } from '@nestjs/common';
import { cacheTag, FAILURE_TTL_MS, MAX_CACHE_ENTRIES } from '../cache/cache-tags';
import { SingleFlight } from '../cache/single-flight';
import { TaggedTtlCache } from '../cache/tagged-ttl-cache';
import { AuthRefusedError } from '../auth/auth.errors';
import { ActingUser } from '../auth/caller';
import { readActingUser } from '../auth/identity-answers';
import { GatewayEnv } from '../gateway.env';
import { UpstreamClient } from '../upstream/upstream.client';
import { UpstreamFaultError } from '../upstream/upstream.errors';

/**
 * Resolves `X-User-Id` in the key's tenant through identity (`GET /users/:id` in that tenant's
 * scope, so another tenant's user is simply not found). Cached like keys and dropped on
 * `user.updated`, `user.deleted` and the tenant's suspension or deletion.
 */
@Injectable()
export class ActingUsers {
  private readonly cache = new TaggedTtlCache<ActingUser | null>(MAX_CACHE_ENTRIES);
  private readonly flights = new SingleFlight<ActingUser | null>();
  private readonly ttlMs: number;

  constructor(
    private readonly upstream: UpstreamClient,
    env: GatewayEnv,
  ) {
    this.ttlMs = env.KEY_CACHE_TTL_MS;
  }

  /** The active user, or AuthRefusedError (unknown_user, user_disabled). */
  async resolve(tenantId: string, userId: string, headers: Record<string, string> = {}): Promise<ActingUser> {
    const cacheKey = `${tenantId}:${userId}`;
    let user = this.cache.get(cacheKey);
    if (user === undefined) user = await this.flights.run(cacheKey, () => this.ask(tenantId, userId, headers));
    if (!user) throw new AuthRefusedError('unknown_user', tenantId);
    if (user.status !== 'active') throw new AuthRefusedError('user_disabled', tenantId);
    return user;
  }

  dropUser(userId: string): void {
    this.cache.invalidate(cacheTag.user(userId));
  }

  dropTenant(tenantId: string): void {
    this.cache.invalidate(cacheTag.tenant(tenantId));
  }

  private async ask(tenantId: string, userId: string, headers: Record<string, string>): Promise<ActingUser | null> {
    const generation = this.cache.generation;
    const response = await this.upstream.call('identity', {
      method: 'GET',
      path: `/users/${userId}`,
      headers: { ...headers, 'x-tenant-id': tenantId },
    });
    const cacheKey = `${tenantId}:${userId}`;
    const tags = [cacheTag.user(userId), cacheTag.tenant(tenantId)];
    if (response.status === 404) {
      this.cache.set(cacheKey, null, Math.min(this.ttlMs, FAILURE_TTL_MS), tags, generation);
      return null;
    }
    const user = response.status === 200 ? readActingUser(response.body) : undefined;
    if (!user) throw new UpstreamFaultError('identity', response.status);
    this.cache.set(cacheKey, user, this.ttlMs, tags, generation);
    return user;
  }
}
