export * from './app-process';
export * from './databases';
export * from './expect-eventually';
export * from './free-port';
export * from './kafka';
export * from './test-env';
export * from './http';
