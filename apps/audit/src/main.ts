import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { AuditEnv } from './audit.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(AuditEnv);
  startTracing('audit', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { AuditModule } = await import('./audit.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const app = await createHttpApp(AuditModule, { app: 'audit', logLevel: env.LOG_LEVEL });
  await startEventConsumers(app);
  await app.listen(env.AUDIT_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
