import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const DATA_DIR = join(__dirname, '..', '.data');
const SYSTEM_KEY_FILE = join(DATA_DIR, 'system-admin-key');
const DEMO_TENANT_FILE = join(DATA_DIR, 'demo-tenant.json');

export interface DemoTenant {
  tenantId: string;
  name: string;
  adminKey: string;
}

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
}

async function writeSecret(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, { mode: 0o600 });
}

/**
 * The local system key: SYSTEM_ADMIN_KEY when set, else one generated on the first `npm start`
 * and kept in .data/ (git-ignored), so that restarts keep the same key instead of rotating it.
 */
export async function localSystemKey(): Promise<string> {
  if (process.env.SYSTEM_ADMIN_KEY) return process.env.SYSTEM_ADMIN_KEY;
  const saved = await readText(SYSTEM_KEY_FILE);
  if (saved) return saved;
  const generated = `sys_${randomBytes(32).toString('base64url')}`;
  await writeSecret(SYSTEM_KEY_FILE, generated);
  return generated;
}

async function call(gatewayUrl: string, method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/**
 * The demo tenant, created through the gateway with the system key on the first start and
 * reused afterwards (its admin key is kept in .data/demo-tenant.json: a key's secret cannot be
 * read back from identity).
 */
export async function seedDemoTenant(
  gatewayUrl: string,
  systemKey: string,
): Promise<DemoTenant & { created: boolean }> {
  const savedText = await readText(DEMO_TENANT_FILE);
  if (savedText) {
    const saved = JSON.parse(savedText) as DemoTenant;
    if ((await call(gatewayUrl, 'GET', '/v1/usage', saved.adminKey)).status === 200)
      return { ...saved, created: false };
  }
  for (const name of ['demo', `demo-${randomBytes(3).toString('hex')}`]) {
    const created = await call(gatewayUrl, 'POST', '/v1/tenants', systemKey, { name });
    if (created.status === 409) continue; // "demo" exists but its key is lost: make another one
    if (created.status !== 201) {
      throw new Error(`creating the demo tenant answered ${created.status}: ${JSON.stringify(created.body)}`);
    }
    const { tenant, apiKey } = created.body as { tenant: { id: string; name: string }; apiKey: { key: string } };
    const demo: DemoTenant = { tenantId: tenant.id, name: tenant.name, adminKey: apiKey.key };
    await writeSecret(DEMO_TENANT_FILE, `${JSON.stringify(demo, null, 2)}\n`);
    return { ...demo, created: true };
  }
  throw new Error('could not create a demo tenant');
}
