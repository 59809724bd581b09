import { appPool, closePools, startApp, AppProcess } from '@rag/testing';

async function raw(url: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const r = await fetch(url, { method, body, headers: { 'x-tenant-scope': 'all', ...headers } });
  return `${r.status} ${r.headers.get('content-type')} ${(await r.text()).slice(0, 300)}`;
}

describe('probe', () => {
  let app: AppProcess;
  beforeAll(async () => { app = await startApp('identity'); });
  afterAll(async () => { await app?.stop(); await closePools(); });
  it('probes', async () => {
    const u = `${app.url}/tenants`;
    const J = { 'content-type': 'application/json' };
    const out: string[] = [];
    const c = JSON.parse((await (await fetch(u, { method: 'POST', body: JSON.stringify({ name: 'probe-a' }), headers: { ...J, 'x-tenant-scope': 'all' } })).text()));
    const c2 = JSON.parse((await (await fetch(u, { method: 'POST', body: JSON.stringify({ name: 'probe-b' }), headers: { ...J, 'x-tenant-scope': 'all' } })).text()));
    out.push(JSON.stringify(c));
    const p = `${u}/${c.id}`;
    out.push('malformed ' + await raw(u, 'POST', '{"name":', J));
    out.push('array ' + await raw(u, 'POST', '[{"name":"x"}]', J));
    out.push('empty array patch ' + await raw(p, 'PATCH', '[]', J));
    out.push('string patch ' + await raw(p, 'PATCH', '"hello"', J));
    out.push('number patch ' + await raw(p, 'PATCH', '12', J));
    out.push('null patch ' + await raw(p, 'PATCH', 'null', J));
    out.push('no body patch ' + await raw(p, 'PATCH', undefined));
    out.push('text post ' + await raw(u, 'POST', 'hello', { 'content-type': 'text/plain' }));
    out.push('text patch ' + await raw(p, 'PATCH', 'hello', { 'content-type': 'text/plain' }));
    out.push('form post ' + await raw(u, 'POST', 'name=formtenant', { 'content-type': 'application/x-www-form-urlencoded' }));
    out.push('xml post ' + await raw(u, 'POST', '<a/>', { 'content-type': 'application/xml' }));
    out.push('big ' + await raw(u, 'POST', JSON.stringify({ name: 'x', metadata: { a: 'x'.repeat(1100000) } }), J));
    out.push('null meta patch ' + await raw(p, 'PATCH', '{"metadata":null}', J));
    out.push('null name patch ' + await raw(p, 'PATCH', '{"name":null}', J));
    out.push('null meta post ' + await raw(u, 'POST', '{"name":"nm","metadata":null}', J));
    out.push('scope A get B ' + await raw(`${u}/${c2.id}`, 'GET', undefined, { 'x-tenant-scope': '', 'x-tenant-id': c.id }));
    out.push('bad cursor ' + await raw(`${u}?cursor=${Buffer.from(JSON.stringify({ createdAt: 'x', id: 'y' })).toString('base64url')}`, 'GET'));
    out.push('proto ' + await raw(u, 'POST', '{"name":"pp","__proto__":{"x":1}}', J));
    out.push('unknown route ' + await raw(`${app.url}/nope`, 'GET'));
    out.push('bad uuid ' + await raw(`${u}/abc`, 'GET'));
    out.push('no content-type ' + await raw(u, 'POST', '{"name":"nct"}', {}));
    const { rows } = await appPool('identity').query('select name from tenants');
    out.push(JSON.stringify(rows));
    console.log(out.join('\n'));
  });
});
