import { createServer, Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppProcess, freePort, startApp } from '@rag/testing';
import { Call, gatewayClient, SYSTEM_KEY } from '../../../gateway/test/support/stack';

export { SYSTEM_KEY };
/** The embedding model the test stack's ingestion app runs with (the default). */
export const TEST_MODEL = 'feature-hashing-v1-384';
export const CORPUS_DIR = join(__dirname, '..', 'corpus');

export interface IngestionStack {
  identity: AppProcess;
  audit: AppProcess;
  ingestion: AppProcess;
  gateway: AppProcess;
  call: Call;
  /** A local web server (allow-listed for URL registration) serving the corpus and a few test routes. */
  files: { url: string; server: Server };
  /** Replaces the ingestion app by one on the same port with `env` added to its environment. */
  replaceIngestion(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/** Serves the corpus folder, plus /missing (404) and /redirect-to-private. */
async function startFileServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1).split('?')[0]);
    if (name === 'redirect-to-private') {
      response.writeHead(302, { location: 'http://10.0.0.1/secret' }).end();
      return;
    }
    if (!/^[a-z0-9.-]+$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(CORPUS_DIR, name)).then(
      (body) => response.writeHead(200, { 'content-length': body.length }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Apps started after ingestion and before the gateway, and what the gateway needs to reach them. */
export type MoreServices = (started: {
  identity: AppProcess;
  ingestion: AppProcess;
  /** Where blob URLs point (the gateway), for apps that sign them. */
  blobEnv: Record<string, string>;
}) => Promise<{ apps: AppProcess[]; gatewayEnv: Record<string, string> }>;

/** Identity, audit, ingestion (and `more`) and a gateway in front; blob URLs point at the gateway. */
export async function startIngestionStack(
  ingestionEnv: Record<string, string> = {},
  more?: MoreServices,
): Promise<IngestionStack> {
  const files = await startFileServer();
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const [identity, audit] = await Promise.all([
    startApp('identity', { SYSTEM_ADMIN_KEY: SYSTEM_KEY }),
    startApp('audit'),
  ]);
  const blobEnv = { BLOB_PUBLIC_URL: `${gatewayUrl}/v1/blobs` };
  const ingestionEnvironment = {
    ...blobEnv,
    IDENTITY_URL: identity.url,
    FETCH_ALLOWED_HOSTS: new URL(files.url).host,
    INGESTION_HEARTBEAT_TIMEOUT_MS: '3000',
    INGESTION_REAPER_INTERVAL_MS: '500',
    INGESTION_RETRY_BASE_MS: '100',
    ...ingestionEnv,
  };
  const ingestion = await startApp('ingestion', ingestionEnvironment);
  const extra = (await more?.({ identity, ingestion, blobEnv })) ?? { apps: [], gatewayEnv: {} };
  const gateway = await startApp(
    'gateway',
    {
      ...blobEnv,
      IDENTITY_URL: identity.url,
      AUDIT_URL: audit.url,
      INGESTION_URL: ingestion.url,
      RATE_LIMIT_PER_SECOND: '1000',
      RATE_LIMIT_BURST: '2000',
      QUOTA_CACHE_TTL_MS: '0',
      ...extra.gatewayEnv,
    },
    { port: gatewayPort },
  );
  const stack: IngestionStack = {
    identity,
    audit,
    ingestion,
    gateway,
    call: gatewayClient(gateway.url, 'ingestion-tests/1.0'),
    files,
    replaceIngestion: async (env) => {
      await stack.ingestion.stop();
      const port = Number(new URL(stack.ingestion.url).port);
      stack.ingestion = await startApp('ingestion', { ...ingestionEnvironment, ...env }, { port });
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all(extra.apps.map((app) => app.stop()));
      await Promise.all([stack.ingestion.stop(), identity.stop(), audit.stop()]);
      await new Promise((resolve) => files.server.close(resolve));
    },
  };
  return stack;
}
