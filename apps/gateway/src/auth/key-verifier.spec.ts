import { GatewayEnv } from '../gateway.env';
import { UpstreamClient, UpstreamRequest, UpstreamResponse, UpstreamService } from '../upstream/upstream.client';
import { AuthRefusedError } from './auth.errors';
import { KeyVerifier } from './key-verifier';

const KEY_ID = '0f8e4c1d-2b3a-49c5-a6d7-e8f901234567';
const TENANT_ID = '11111111-2222-4333-8444-555555555555';
const valid = { keyId: KEY_ID, tenantId: TENANT_ID, scope: 'write', expiresAt: null, systemAdminId: null };

function fakeIdentity(...answers: UpstreamResponse[]) {
  const call = jest.fn<Promise<UpstreamResponse>, [UpstreamService, UpstreamRequest]>();
  for (const answer of answers) call.mockResolvedValueOnce(answer);
  return { call, client: { call } as unknown as UpstreamClient };
}

function verifier(client: UpstreamClient, ttlMs = 30_000): KeyVerifier {
  return new KeyVerifier(client, Object.assign(new GatewayEnv(), { KEY_CACHE_TTL_MS: ttlMs }));
}

async function refusal(work: Promise<unknown>): Promise<{ status: number; reason: string }> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AuthRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.getStatus(), reason: error.reason };
}

describe('KeyVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it('asks identity once per key within the ttl, sending the key itself and never caching it in clear', async () => {
    const identity = fakeIdentity({ status: 200, body: valid });
    const keys = verifier(identity.client);
    expect(await keys.verify('rag_secret')).toEqual(valid);
    expect(await keys.verify('rag_secret')).toEqual(valid);
    expect(identity.call).toHaveBeenCalledTimes(1);
    expect(identity.call.mock.calls[0]).toEqual([
      'identity',
      expect.objectContaining({ method: 'POST', path: '/api-keys/verify', body: { key: 'rag_secret' } }),
    ]);
  });

  it('shares one identity call between concurrent first uses of a key', async () => {
    const identity = fakeIdentity({ status: 200, body: valid });
    const keys = verifier(identity.client);
    await Promise.all([keys.verify('k'), keys.verify('k'), keys.verify('k')]);
    expect(identity.call).toHaveBeenCalledTimes(1);
  });

  it('asks again after the ttl, and every time with KEY_CACHE_TTL_MS=0', async () => {
    jest.useFakeTimers({ now: 0 });
    const identity = fakeIdentity(...Array.from({ length: 4 }, () => ({ status: 200, body: valid })));
    const cached = verifier(identity.client, 1000);
    await cached.verify('k');
    jest.setSystemTime(999);
    await cached.verify('k');
    jest.setSystemTime(1000);
    await cached.verify('k');
    expect(identity.call).toHaveBeenCalledTimes(2);
    const uncached = verifier(identity.client, 0);
    await uncached.verify('k');
    await uncached.verify('k');
    expect(identity.call).toHaveBeenCalledTimes(4);
  });

  it('trusts a key no longer than its own expiry', async () => {
    jest.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const expiring = { ...valid, expiresAt: '2030-01-01T00:00:05Z' };
    const identity = fakeIdentity(
      { status: 200, body: expiring },
      { status: 401, body: { error: { code: 'expired_key', message: 'expired' } } },
    );
    const keys = verifier(identity.client, 60_000);
    await keys.verify('k');
    jest.setSystemTime(Date.parse('2030-01-01T00:00:05Z'));
    expect(await refusal(keys.verify('k'))).toEqual({ status: 401, reason: 'expired_key' });
  });

  it.each([
    [401, 'unknown_key'],
    [401, 'revoked_key'],
    [401, 'expired_key'],
    [401, 'malformed_key'],
    [403, 'tenant_suspended'],
    [403, 'tenant_deleted'],
  ])("turns identity's %s %s into the same refusal, remembered for at most a second", async (status, code) => {
    jest.useFakeTimers({ now: 0 });
    const identity = fakeIdentity({ status, body: { error: { code, message: 'no' } } }, { status: 200, body: valid });
    const keys = verifier(identity.client);
    expect(await refusal(keys.verify('k'))).toEqual({ status, reason: code });
    expect(await refusal(keys.verify('k'))).toEqual({ status, reason: code });
    jest.setSystemTime(1000);
    expect(await keys.verify('k')).toEqual(valid);
    expect(identity.call).toHaveBeenCalledTimes(2);
  });

  it('calls a key identity refuses to parse (400) malformed, and any other answer an upstream fault', async () => {
    const identity = fakeIdentity(
      { status: 400, body: { error: { code: 'validation_failed', message: 'too long' } } },
      { status: 404, body: { error: { code: 'not_found', message: '?' } } },
      { status: 200, body: { ...valid, scope: 'root' } },
      { status: 200, body: { ...valid, tenantId: null } },
    );
    const keys = verifier(identity.client);
    expect(await refusal(keys.verify('a'))).toEqual({ status: 401, reason: 'malformed_key' });
    for (const key of ['b', 'c', 'd']) {
      await expect(keys.verify(key)).rejects.toMatchObject({ status: 502 });
    }
  });

  it('drops cached keys by key id and by tenant id', async () => {
    const other = { ...valid, keyId: '22222222-2222-4222-8222-222222222222' };
    const identity = fakeIdentity(
      { status: 200, body: valid },
      { status: 200, body: other },
      { status: 401, body: { error: { code: 'revoked_key', message: 'revoked' } } },
      { status: 403, body: { error: { code: 'tenant_suspended', message: 'suspended' } } },
    );
    const keys = verifier(identity.client);
    await keys.verify('first');
    await keys.verify('second');
    keys.dropKey(KEY_ID);
    expect(await refusal(keys.verify('first'))).toEqual({ status: 401, reason: 'revoked_key' });
    expect(await keys.verify('second')).toEqual(other); // still cached
    keys.dropTenant(TENANT_ID);
    expect(await refusal(keys.verify('second'))).toEqual({ status: 403, reason: 'tenant_suspended' });
  });

  it('does not cache an answer that was in flight when its key was revoked', async () => {
    let answer!: (response: UpstreamResponse) => void;
    const call = jest
      .fn<Promise<UpstreamResponse>, [UpstreamService, UpstreamRequest]>()
      .mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
      .mockResolvedValueOnce({ status: 401, body: { error: { code: 'revoked_key', message: 'revoked' } } });
    const keys = verifier({ call } as unknown as UpstreamClient);
    const inFlight = keys.verify('k');
    await Promise.resolve();
    keys.dropKey(KEY_ID);
    answer({ status: 200, body: valid });
    expect(await inFlight).toEqual(valid);
    expect(await refusal(keys.verify('k'))).toEqual({ status: 401, reason: 'revoked_key' });
  });

  it('does not cache identity being unreachable', async () => {
    const call = jest
      .fn<Promise<UpstreamResponse>, [UpstreamService, UpstreamRequest]>()
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
      .mockResolvedValueOnce({ status: 200, body: valid });
    const keys = verifier({ call } as unknown as UpstreamClient);
    await expect(keys.verify('k')).rejects.toThrow('ECONNREFUSED');
    expect(await keys.verify('k')).toEqual(valid);
  });
});
