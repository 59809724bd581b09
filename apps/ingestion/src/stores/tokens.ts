/** Injection token of the Embedder the app was configured with (@rag/embedding). */
export const EMBEDDER = Symbol('EMBEDDER');
