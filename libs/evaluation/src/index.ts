export * from './evaluation.types';
export * from './support-thresholds';
export * from './judge.error';
export * from './judge-model';
export * from './local.judge';
export * from './llm.judge';
export { splitClaims } from './claims';
export { contextPrecision, contextRecall } from './context-metrics';
