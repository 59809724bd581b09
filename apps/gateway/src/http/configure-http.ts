import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayEnv } from '../gateway.env';
import { answerClientErrorsAsJson } from './client-errors';

/** Security headers, CORS and the JSON shape of transport-level errors: the edge's HTTP layer. */
export async function configureHttp(app: NestFastifyApplication, env: GatewayEnv): Promise<void> {
  await app.register(helmet, {
    // The API answers JSON; only the docs page (/docs, Swagger UI) loads scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        // TLS ends in front of the gateway; upgrading would break the docs page on plain http.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  if (env.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: env.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-User-Id', 'X-Request-Id', 'traceparent', 'tracestate'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining'],
      maxAge: 600,
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  // Uploads (POST /v1/objects) are taken in whole, bounded, and forwarded as they came.
  fastify.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: env.GATEWAY_UPLOAD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  answerClientErrorsAsJson(fastify.server);
}
