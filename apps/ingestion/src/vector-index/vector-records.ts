/** One chunk's vector and the fields searches filter on. */
export interface VectorRecord {
  chunkId: string;
  objectId: string;
  dataSourceId: string;
  tags: string[];
  vector: Float32Array;
}

export interface VectorHit {
  chunkId: string;
  objectId: string;
  dataSourceId: string;
  /** Cosine similarity in [-1, 1], higher is closer. */
  score: number;
}

/** Every given field must match; an empty list matches nothing, an absent one everything. */
export interface VectorFilter {
  objectIds?: string[];
  dataSourceIds?: string[];
  /** Chunks with any of these tags. */
  tags?: string[];
}
