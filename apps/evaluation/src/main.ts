import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { EvaluationEnv } from './evaluation.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(EvaluationEnv);
  startTracing('evaluation', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { EvaluationModule } = await import('./evaluation.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const app = await createHttpApp(EvaluationModule, { app: 'evaluation', logLevel: env.LOG_LEVEL });
  await startEventConsumers(app);
  await app.listen(env.EVALUATION_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
