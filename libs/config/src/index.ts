export * from './load-config';
export * from './platform.env';
export * from './env.module';
