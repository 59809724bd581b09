// Keep this lib free of the HTTP stack (fastify, @nestjs/platform-*): apps import it before
// starting tracing, and tracing must start before HTTP modules load to instrument them.
export * from './health/database.check';
export * from './health/health.module';
export * from './health/readiness-check';
export * from './logger';
export * from './metrics';
export * from './request-context';
export * from './tracing';
