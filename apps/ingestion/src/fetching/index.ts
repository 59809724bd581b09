export * from './fetch-errors';
export * from './fetch-resource';
export * from './fetch-target';
export * from './filename';
export * from './public-address';
export * from './safe-lookup';
