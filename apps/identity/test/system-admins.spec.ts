import { randomBytes, randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, request, startApp } from '@rag/testing';

const PRINTED_KEY = /System admin key \(shown once\): (rag_[0-9a-f]{32}_[A-Za-z0-9_-]{43})\n/g;
const uniqueAdmin = () => `admin-${randomUUID()}@example.com`;

function printedKeys(...apps: AppProcess[]): string[] {
  return apps.flatMap((app) => [...app.output().matchAll(PRINTED_KEY)].map((match) => match[1]));
}

async function adminOf(email: string): Promise<{ id: string; immutable: boolean }[]> {
  const { rows } = await appPool('identity').query('SELECT id, immutable FROM system_admins WHERE email = $1', [email]);
  return rows;
}

async function keysOf(adminId: string): Promise<{ id: string; revoked: boolean }[]> {
  const { rows } = await appPool('identity').query(
    'SELECT id, revoked_at IS NOT NULL AS revoked FROM api_keys WHERE system_admin_id = $1 ORDER BY created_at',
    [adminId],
  );
  return rows;
}

describe('system admins', () => {
  const running: AppProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await startApp('identity', env);
    running.push(app);
    return app;
  };
  const verify = (app: AppProcess, key: string) =>
    request<{ tenantId: string | null; scope: string; systemAdminId: string | null; error?: { code: string } }>(
      app.url,
      'POST',
      '/api-keys/verify',
      { key },
      {},
    );

  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop()));
  });

  afterAll(async () => {
    await closePools();
  });

  it('creates the first admin and prints a generated system key once, across restarts', async () => {
    const email = uniqueAdmin();
    const identity = await start({ SYSTEM_ADMIN_EMAIL: email });
    const [key] = printedKeys(identity);
    expect(key).toBeDefined();
    const [admin] = await adminOf(email);
    expect(admin.immutable).toBe(true);
    expect(await verify(identity, key)).toMatchObject({
      status: 200,
      body: { tenantId: null, scope: 'system', systemAdminId: admin.id },
    });

    await identity.stop();
    await identity.restart();
    expect(printedKeys(identity)).toEqual([key]);
    expect(await adminOf(email)).toHaveLength(1);
    expect(await keysOf(admin.id)).toHaveLength(1);

    const { rows } = await appPool('identity').query(
      `SELECT payload->>'type' AS type, payload->'tenantId' AS "tenantId" FROM outbox_events
        WHERE payload->'resource'->>'id' = ANY($1) ORDER BY seq`,
      [[admin.id, (await keysOf(admin.id))[0].id]],
    );
    expect(rows).toEqual([
      { type: 'system_admin.created', tenantId: null },
      { type: 'api_key.created', tenantId: null },
    ]);
  });

  it('creates one admin and one key when replicas boot at the same time', async () => {
    const email = uniqueAdmin();
    const replicas = await Promise.all([1, 2, 3].map(() => start({ SYSTEM_ADMIN_EMAIL: email })));
    const admins = await adminOf(email);
    expect(admins).toHaveLength(1);
    expect(await keysOf(admins[0].id)).toHaveLength(1);
    const printed = printedKeys(...replicas);
    expect(printed).toHaveLength(1);
    for (const replica of replicas) expect((await verify(replica, printed[0])).status).toBe(200);
  });

  it('uses SYSTEM_ADMIN_KEY as given, and a new value revokes the previous one', async () => {
    const email = uniqueAdmin();
    const first = `first key chosen by the operator ${randomBytes(8).toString('hex')}`.replace(/ /g, '-');
    const identity = await start({ SYSTEM_ADMIN_EMAIL: email, SYSTEM_ADMIN_KEY: first });
    expect(printedKeys(identity)).toEqual([]);
    const [admin] = await adminOf(email);
    expect((await verify(identity, first)).body).toMatchObject({ scope: 'system', systemAdminId: admin.id });
    await identity.stop();

    // A value in the platform's own format is stored under its own id.
    const second = `rag_${randomUUID().replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
    const restarted = await start({ SYSTEM_ADMIN_EMAIL: email, SYSTEM_ADMIN_KEY: second });
    const verified = await verify(restarted, second);
    expect(verified.body).toMatchObject({ scope: 'system', systemAdminId: admin.id });
    expect(verified.body).toHaveProperty(
      'keyId',
      second.slice(4, 36).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
    );
    expect(await verify(restarted, first)).toMatchObject({ status: 401, body: { error: { code: 'revoked_key' } } });
    expect((await keysOf(admin.id)).map((key) => key.revoked)).toEqual([true, false]);
  });

  it('refuses to start with a malformed SYSTEM_ADMIN_KEY', async () => {
    await expect(startApp('identity', { SYSTEM_ADMIN_KEY: 'too short' })).rejects.toThrow(/SYSTEM_ADMIN_KEY must be/);
  });

  it('refuses to delete an immutable admin, or to clear its flag, in the database itself', async () => {
    const email = uniqueAdmin();
    await start({ SYSTEM_ADMIN_EMAIL: email });
    const [admin] = await adminOf(email);
    const db = appPool('identity');
    await expect(db.query('DELETE FROM system_admins WHERE id = $1', [admin.id])).rejects.toThrow(
      /is immutable: DELETE refused/,
    );
    await expect(db.query('UPDATE system_admins SET immutable = false WHERE id = $1', [admin.id])).rejects.toThrow(
      /is immutable: clearing it refused/,
    );
    await expect(db.query('TRUNCATE system_admins CASCADE')).rejects.toThrow(/TRUNCATE refused/);
    expect(await adminOf(email)).toEqual([admin]);

    const mortal = randomUUID();
    await db.query('INSERT INTO system_admins (id, email, immutable) VALUES ($1, $2, false)', [mortal, uniqueAdmin()]);
    await db.query('UPDATE system_admins SET immutable = true WHERE id = $1', [mortal]);
    await expect(db.query('DELETE FROM system_admins WHERE id = $1', [mortal])).rejects.toThrow(/immutable/);
    const removable = randomUUID();
    await db.query('INSERT INTO system_admins (id, email, immutable) VALUES ($1, $2, false)', [
      removable,
      uniqueAdmin(),
    ]);
    expect((await db.query('DELETE FROM system_admins WHERE id = $1', [removable])).rowCount).toBe(1);
  });
});
