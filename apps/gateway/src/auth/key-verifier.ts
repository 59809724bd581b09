import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthFailureReason } from '@rag/contracts';
import { counter } from '@rag/observability';
import { cacheTag, FAILURE_TTL_MS, MAX_CACHE_ENTRIES } from '../cache/cache-tags';
import { SingleFlight } from '../cache/single-flight';
import { TaggedTtlCache } from '../cache/tagged-ttl-cache';
import { GatewayEnv } from '../gateway.env';
import { UpstreamClient } from '../upstream/upstream.client';
import { UpstreamFaultError } from '../upstream/upstream.errors';
import { AuthRefusedError } from './auth.errors';
import { VerifiedKey } from './caller';
import { readRefusal, readVerifiedKey } from './identity-answers';

type Outcome = { ok: true; key: VerifiedKey } | { ok: false; reason: AuthFailureReason; tenantId: string | null };

const KEY_REFUSALS: ReadonlySet<string> = new Set<AuthFailureReason>([
  'malformed_key',
  'unknown_key',
  'revoked_key',
  'expired_key',
  'tenant_suspended',
  'tenant_deleted',
]);

const lookups = counter('gateway_key_cache_lookups_total', 'API key verifications by cache result', ['result']);

/**
 * Verifies bearer keys with identity and remembers the answer for KEY_CACHE_TTL_MS (never
 * past the key's own expiry; refusals for about a second). Entries are found by the SHA-256 of
 * the presented key, so the cache never holds a secret, and dropped by key id or tenant id
 * when identity announces a revocation, suspension or deletion.
 */
@Injectable()
export class KeyVerifier {
  private readonly cache = new TaggedTtlCache<Outcome>(MAX_CACHE_ENTRIES);
  private readonly flights = new SingleFlight<Outcome>();
  private readonly ttlMs: number;

  constructor(
    private readonly upstream: UpstreamClient,
    env: GatewayEnv,
  ) {
    this.ttlMs = env.KEY_CACHE_TTL_MS;
  }

  /** The verified key, or AuthRefusedError; identity being unreachable is a 503, not a refusal. */
  async verify(presented: string, headers: Record<string, string> = {}): Promise<VerifiedKey> {
    const digest = createHash('sha256').update(presented).digest('base64url');
    let outcome = this.cache.get(digest);
    lookups.inc({ result: outcome ? 'hit' : 'miss' });
    outcome ??= await this.flights.run(digest, () => this.ask(digest, presented, headers));
    if (!outcome.ok) throw new AuthRefusedError(outcome.reason, outcome.tenantId);
    return outcome.key;
  }

  dropKey(keyId: string): void {
    this.cache.invalidate(cacheTag.key(keyId));
  }

  dropTenant(tenantId: string): void {
    this.cache.invalidate(cacheTag.tenant(tenantId));
  }

  private async ask(digest: string, presented: string, headers: Record<string, string>): Promise<Outcome> {
    const generation = this.cache.generation;
    const response = await this.upstream.call('identity', {
      method: 'POST',
      path: '/api-keys/verify',
      body: { key: presented },
      headers,
    });
    const outcome = this.read(response.status, response.body);
    if (outcome.ok) {
      const { key } = outcome;
      const untilExpiry = key.expiresAt ? Date.parse(key.expiresAt) - Date.now() : Infinity;
      const tags = [cacheTag.key(key.keyId)];
      if (key.tenantId) tags.push(cacheTag.tenant(key.tenantId));
      this.cache.set(digest, outcome, Math.min(this.ttlMs, untilExpiry), tags, generation);
    } else {
      this.cache.set(digest, outcome, Math.min(this.ttlMs, FAILURE_TTL_MS), [], generation);
    }
    return outcome;
  }

  private read(status: number, body: unknown): Outcome {
    if (status === 200) {
      const key = readVerifiedKey(body);
      if (!key) throw new UpstreamFaultError('identity', status);
      return { ok: true, key };
    }
    const refusal = readRefusal(body);
    if (refusal.code && KEY_REFUSALS.has(refusal.code)) {
      return { ok: false, reason: refusal.code as AuthFailureReason, tenantId: refusal.tenantId };
    }
    // A key identity will not even parse (e.g. over its length limit) is malformed.
    if (status === 400) return { ok: false, reason: 'malformed_key', tenantId: null };
    throw new UpstreamFaultError('identity', status);
  }
}
