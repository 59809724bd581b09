export * from './fixed-rate';
export * from './platform-traffic';
export * from './provision';
export * from './stats';
