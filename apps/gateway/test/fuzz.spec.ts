import { randomUUID } from 'node:crypto';
import { closePools, JsonResponse, request } from '@rag/testing';
import { Stack, startStack, SYSTEM_KEY } from './support/stack';
import { createTenant, createUser, TestTenant, UserBody } from './support/tenants';
import { pick, seededRandom } from './support/random';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CASES = 400;

interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const BAD_IDS = [
  'abc',
  '1',
  '0',
  '-1',
  'null',
  'undefined',
  '00000000-0000-0000-0000-00000000000g',
  '00000000000000000000000000000000',
  '%00',
  '%',
  '%zz',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  "'%20OR%201=1--",
  'x'.repeat(3000),
  '%F0%9F%92%A9',
  '{}',
];

const BAD_QUERIES = [
  '?limit=0',
  '?limit=-1',
  '?limit=501',
  '?limit=abc',
  '?limit=1e3',
  '?cursor=not-a-cursor',
  `?cursor=${Buffer.from('{"createdAt":"x","id":"y"}').toString('base64url')}`,
  '?from=yesterday',
  '?to=2026-13-40',
  '?from=2026-02-30',
  '?status=sleeping',
  '?role=root',
  '?scope=god',
  '?action=DROP%20TABLE',
  '?actorId=123',
  '?tenantId=abc',
  '?unknown=1',
  '?limit=1&limit=2',
  `?cursor=${'x'.repeat(600)}`,
];

const SCALARS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  'x'.repeat(300),
  '\u0000',
  '💩',
  [],
  {},
  [1, 2],
  { $gt: '' },
];

function randomValue(random: () => number, depth = 0): unknown {
  const roll = random();
  if (depth < 2 && roll < 0.15)
    return Array.from({ length: Math.floor(random() * 3) }, () => randomValue(random, depth + 1));
  if (depth < 2 && roll < 0.3)
    return { [pick(random, ['a', '__proto__', 'constructor', 'name'])]: randomValue(random, depth + 1) };
  if (roll < 0.35) return 'y'.repeat(Math.floor(random() * 70_000));
  return pick(random, SCALARS);
}

const FIELDS = [
  'name',
  'retentionDays',
  'metadata',
  'status',
  'email',
  'role',
  'scope',
  'expiresAt',
  'maxTokensPerDay',
  'maxIngestionsPerDay',
  'maxStorageBytes',
  'extra',
  'tenantId',
  'id',
];

function randomBody(random: () => number): string | undefined {
  const roll = random();
  if (roll < 0.1) return undefined;
  if (roll < 0.2) return pick(random, ['{', '[1,', '"unterminated', 'null', '123', 'true', '{"a":1}}', '\u0000']);
  if (roll < 0.25) return JSON.stringify({ name: 'z'.repeat(1024 * 1024) });
  if (roll < 0.35) return JSON.stringify(randomValue(random));
  const body: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(random() * 4); i++) body[pick(random, FIELDS)] = randomValue(random);
  return JSON.stringify(body);
}

/**
 * Generated requests with wrong types, huge strings, bad ids, unknown fields, bad queries and
 * headers: the gateway answers each with a JSON 4xx (or, rarely, a 2xx for a valid read),
 * never a 5xx.
 */
describe('gateway fuzzing: bodies, headers, ids and queries', () => {
  let stack: Stack;
  let tenant: TestTenant;
  let user: UserBody;

  beforeAll(async () => {
    stack = await startStack({ gatewayEnv: { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' } });
    const { gatewayClient } = await import('./support/stack');
    const call = gatewayClient(stack.gateways[0].url);
    tenant = await createTenant(call, 'fuzz');
    user = await createUser(call, tenant.adminKey.key, 'admin');
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  function generate(random: () => number): FuzzCase {
    const id = (): string => (random() < 0.6 ? pick(random, BAD_IDS) : randomUUID());
    const routes: [string, () => string][] = [
      ['POST', () => '/v1/tenants'],
      ['GET', () => '/v1/tenants'],
      ['GET', () => `/v1/tenants/${id()}`],
      ['PATCH', () => `/v1/tenants/${id()}`],
      ['DELETE', () => `/v1/tenants/${id()}`],
      ['PUT', () => `/v1/tenants/${id()}/quotas`],
      ['POST', () => '/v1/users'],
      ['GET', () => '/v1/users'],
      ['GET', () => `/v1/users/${id()}`],
      ['PATCH', () => `/v1/users/${id()}`],
      ['DELETE', () => `/v1/users/${id()}`],
      ['POST', () => '/v1/api-keys'],
      ['GET', () => '/v1/api-keys'],
      ['DELETE', () => `/v1/api-keys/${id()}`],
      ['GET', () => '/v1/usage'],
      ['GET', () => '/v1/audit-logs'],
    ];
    const [method, path] = pick(random, routes);
    const query = random() < 0.4 ? pick(random, BAD_QUERIES) : '';
    const headers: Record<string, string> = {};
    const auth = random();
    const goodKey = path().startsWith('/v1/tenants') ? SYSTEM_KEY : tenant.adminKey.key;
    if (auth < 0.6) headers.authorization = `Bearer ${goodKey}`;
    else if (auth < 0.9) {
      headers.authorization = pick(random, [
        'Bearer',
        'Bearer  ',
        `bearer ${goodKey}`,
        `Bearer ${goodKey}x`,
        `Bearer ${goodKey} extra`,
        `Token ${goodKey}`,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${'k'.repeat(5000)}`,
        'Bearer rag_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'Bearer \t',
        `Bearer ${goodKey.slice(0, -1)}`,
      ]);
    }
    if (random() < 0.25) {
      headers['x-user-id'] = pick(random, ['', 'abc', randomUUID(), user.id, user.id.toUpperCase(), 'x'.repeat(500)]);
    }
    if (random() < 0.15) headers['x-request-id'] = pick(random, ['bad id', 'ok-id', 'z'.repeat(300)]);
    if (random() < 0.15)
      headers.traceparent = pick(random, ['garbage', '00-xyz-abc-01', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`]);
    if (random() < 0.1) headers['x-tenant-id'] = randomUUID(); // a client cannot choose its scope
    const body =
      method === 'GET' || method === 'DELETE' ? (random() < 0.1 ? randomBody(random) : undefined) : randomBody(random);
    if (body !== undefined)
      headers['content-type'] =
        random() < 0.9
          ? 'application/json'
          : pick(random, [
              'text/plain',
              'application/xml',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
            ]);
    return { method, path: `${path()}${query}`, headers, body };
  }

  it(`answers ${CASES} generated requests (seed ${SEED}) with JSON and never a 5xx`, async () => {
    const random = seededRandom(SEED);
    const cases = Array.from({ length: CASES }, () => generate(random));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const send = async (fuzz: FuzzCase) => {
      const describe = `${fuzz.method} ${fuzz.path.slice(0, 120)} ${JSON.stringify(fuzz.headers).slice(0, 200)} ${fuzz.body?.slice(0, 120)}`;
      let response: JsonResponse<{ error?: { code?: unknown } } | undefined>;
      try {
        // node:http (not fetch): a GET may carry a body, and an early 413 is still read.
        response = await request(stack.gateways[0].url, fuzz.method, fuzz.path, fuzz.body, fuzz.headers);
      } catch (error) {
        problems.push(`${(error as Error).message} for ${describe}`);
        return;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) problems.push(`${response.status} for ${describe}: ${JSON.stringify(response.body)}`);
      else if (response.status >= 400 && typeof response.body?.error?.code !== 'string') {
        problems.push(`${response.status} without an error code for ${describe}`);
      }
    };
    for (let i = 0; i < cases.length; i += 8) await Promise.all(cases.slice(i, i + 8).map(send));
    expect(problems).toEqual([]);
    // The cases reach every layer: authentication, validation and the services.
    const seen = [...statuses.keys()];
    expect(seen).toEqual(expect.arrayContaining([400, 401, 403, 404, 413, 414, 415]));
    expect(seen.every((status) => status < 500)).toBe(true);
  });

  it('ignores a client-sent x-tenant-id: the scope always comes from the key', async () => {
    const { gatewayClient } = await import('./support/stack');
    const call = gatewayClient(stack.gateways[0].url);
    const other = await createTenant(call, 'fuzz-other');
    const theirUser = await createUser(call, other.adminKey.key, 'user');
    const answer = await call('GET', `/v1/users/${theirUser.id}`, {
      key: tenant.adminKey.key,
      headers: { 'x-tenant-id': other.tenant.id, 'x-tenant-scope': 'all' },
    });
    expect(answer.status).toBe(404);
  });
});
