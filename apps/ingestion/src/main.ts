import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { IngestionEnv } from './ingestion.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(IngestionEnv);
  startTracing('ingestion', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { IngestionModule } = await import('./ingestion.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const { default: multipart } = await import('@fastify/multipart');
  const app = await createHttpApp(IngestionModule, { app: 'ingestion', logLevel: env.LOG_LEVEL });
  // Uploads: one file part, bounded; the JSON body limit stays for every other route.
  await app.register(multipart, {
    limits: { fileSize: env.MAX_OBJECT_BYTES, files: 1, fields: 20, fieldSize: 2 * 1024 * 1024, parts: 25 },
  });
  await startEventConsumers(app);
  await app.listen(env.INGESTION_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
