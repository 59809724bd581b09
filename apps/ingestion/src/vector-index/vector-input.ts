import { createHash } from 'node:crypto';
import { TAG_PATTERN } from '@rag/api';
import { VectorInputError } from './vector-index.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lower-case form of a UUID; anything else is refused before it reaches a table name or filter. */
export function uuidOf(value: string, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new VectorInputError(`${what} must be a UUID`);
  return value.toLowerCase();
}

/**
 * One LanceDB table per tenant, and per embedding model when one is named: vectors of two models
 * never share a table (a new model starts empty tables, filled by re-embedding).
 */
export function tenantTableName(tenantId: string, model?: string): string {
  const tenant = `tenant_${uuidOf(tenantId, 'tenantId').replace(/-/g, '')}`;
  return model ? `${tenant}_m${createHash('sha256').update(model).digest('hex').slice(0, 12)}` : tenant;
}

/** Tags follow the API's pattern (no quotes); filters escape them all the same. */
export function checkTag(tag: string): string {
  if (typeof tag !== 'string' || !TAG_PATTERN.test(tag))
    throw new VectorInputError(`tag ${JSON.stringify(tag)} is invalid`);
  return tag;
}

export function checkVector(vector: Float32Array, dimensions: number): Float32Array {
  if (!(vector instanceof Float32Array) || vector.length !== dimensions) {
    throw new VectorInputError(`a vector must be a Float32Array of ${dimensions} dimensions`);
  }
  if (!vector.every(Number.isFinite)) throw new VectorInputError('a vector holds a non-finite value');
  return vector;
}

export function isZeroVector(vector: Float32Array): boolean {
  return vector.every((value) => value === 0);
}
