import 'reflect-metadata';
import { loadConfig } from '@rag/config';
import { startTracing } from '@rag/observability';
import { GatewayEnv } from './gateway.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(GatewayEnv);
  startTracing('gateway', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now, so that tracing instruments the HTTP server.
  const { createHttpApp } = await import('@rag/http');
  const { startEventConsumers } = await import('@rag/messaging');
  const { GatewayModule } = await import('./gateway.module');
  const { configureHttp } = await import('./http/configure-http');
  const { setupDocs } = await import('./docs/swagger');
  const app = await createHttpApp(GatewayModule, {
    app: 'gateway',
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.GATEWAY_BODY_LIMIT_BYTES,
  });
  await configureHttp(app, env);
  setupDocs(app);
  await startEventConsumers(app);
  await app.listen(env.GATEWAY_PORT, env.HOST);
}

void bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
