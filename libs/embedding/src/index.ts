export * from './embedder';
export * from './feature-hashing.embedder';
export * from './openai-compatible.embedder';
export * from './embedding.env';
export * from './create-embedder';
