import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { IdentityEnv } from './identity.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(IdentityEnv);
  startTracing('identity', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { IdentityModule } = await import('./identity.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const app = await createHttpApp(IdentityModule, { app: 'identity', logLevel: env.LOG_LEVEL });
  await startEventConsumers(app);
  await app.listen(env.IDENTITY_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
