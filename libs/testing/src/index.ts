export { freePort, startApp, type AppProcess } from '@rag/infra';
export * from './databases';
export * from './expect-eventually';
export * from './kafka';
export * from './test-env';
export * from './http';
export * from './load';
