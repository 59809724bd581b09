export * from './fixed-rate';
export * from './load-env';
export * from './platform-traffic';
export * from './provision';
export * from './stats';
