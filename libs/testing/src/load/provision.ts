import { randomBytes } from 'node:crypto';
import { documentText, TrafficTenant } from './platform-traffic';

async function post<T>(url: string, key: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** `count` tenants created through the gateway with the system key, each with a data source and chat sessions. */
export async function provisionTrafficTenants(
  gatewayUrl: string,
  systemKey: string,
  count: number,
  sessionsPerTenant = 4,
): Promise<TrafficTenant[]> {
  const tenants: TrafficTenant[] = [];
  for (let n = 0; n < count; n++) {
    const created = await post<{ tenant: { id: string }; apiKey: { key: string } }>(
      `${gatewayUrl}/v1/tenants`,
      systemKey,
      { name: `load-${n}-${randomBytes(4).toString('hex')}` },
    );
    const key = created.apiKey.key;
    const source = await post<{ id: string }>(`${gatewayUrl}/v1/data-sources`, key, { name: 'load', type: 'text' });
    const form = new FormData();
    form.append('dataSourceId', source.id);
    form.append('file', new Blob([documentText(`seed-${n}`)], { type: 'text/plain' }), 'seed.txt');
    const seeded = await fetch(`${gatewayUrl}/v1/objects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    if (!seeded.ok) throw new Error(`seeding tenant ${n} answered ${seeded.status}: ${await seeded.text()}`);
    const sessionIds: string[] = [];
    for (let s = 0; s < sessionsPerTenant; s++)
      sessionIds.push((await post<{ id: string }>(`${gatewayUrl}/v1/chat/sessions`, key, {})).id);
    tenants.push({ tenantId: created.tenant.id, key, dataSourceId: source.id, sessionIds });
  }
  return tenants;
}
