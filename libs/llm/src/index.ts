export * from './llm-provider';
export * from './openai-compatible.provider';
export * from './anthropic.provider';
export * from './rag-prompt';
export * from './local-extractive.answerer';
export * from './circuit-breaker';
export * from './fallback-chain';
export * from './pricing';
export { parseRetryAfter } from './http-transport';
