export * from './vector-index';
export * from './vector-records';
export * from './vector-index.errors';
export * from './recall-at-k';
