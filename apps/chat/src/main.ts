import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { ChatEnv } from './chat.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(ChatEnv);
  startTracing('chat', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { ChatModule } = await import('./chat.module');
  const { startEventConsumers } = await import('@rag/messaging');
  const app = await createHttpApp(ChatModule, { app: 'chat', logLevel: env.LOG_LEVEL });
  await startEventConsumers(app);
  await app.listen(env.CHAT_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
