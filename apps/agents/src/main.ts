import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { AgentsEnv } from './agents.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(AgentsEnv);
  startTracing('agents', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { AgentsModule } = await import('./agents.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const app = await createHttpApp(AgentsModule, { app: 'agents', logLevel: env.LOG_LEVEL });
  await startEventConsumers(app);
  await app.listen(env.AGENTS_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
