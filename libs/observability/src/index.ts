export * from './health/database.check';
export * from './health/health.module';
export * from './health/readiness-check';
export * from './logger';
export * from './metrics';
export * from './request-context';
export * from './tracing';
