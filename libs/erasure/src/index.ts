export * from './erasure-handler';
export * from './deletion-requests.consumer';
export * from './erasure.module';
export * from './retention-requests.consumer';
