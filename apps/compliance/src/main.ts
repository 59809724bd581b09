import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { ComplianceEnv } from './compliance.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(ComplianceEnv);
  startTracing('compliance', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { ComplianceModule } = await import('./compliance.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const app = await createHttpApp(ComplianceModule, { app: 'compliance', logLevel: env.LOG_LEVEL });
  await startEventConsumers(app);
  await app.listen(env.COMPLIANCE_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
