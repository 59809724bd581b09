import 'reflect-metadata';

export * from './actor';
export * from './contract-violation.error';
export * from './create-event';
export * from './envelope';
export * from './event-definition';
export * from './events/api-key.events';
export * from './events/chat.events';
export * from './events/gateway.events';
export * from './events/ingestion.events';
export * from './events/llm.events';
export * from './events/quota.events';
export * from './events/system-admin.events';
export * from './events/tenant.events';
export * from './events/user.events';
export * from './topics';
export * from './validate';
