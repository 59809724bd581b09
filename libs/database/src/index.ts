export * from './data-source';
export * from './database-url';
export * from './migrate';
export * from './partition-upkeep';
export * from './partitions';
export * from './tenant-scope';
export * from './tenant-scoped.repository';
export * from './timestamps';
