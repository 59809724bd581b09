import { createHash } from 'node:crypto';

/**
 * A chunk's id follows from its object and position, so a retried or resumed ingestion writes
 * the same ids again: rows, vectors and blobs are overwritten, never duplicated.
 */
export function chunkId(objectId: string, chunkIndex: number): string {
  const hex = createHash('sha256').update(`${objectId}:${chunkIndex}`).digest('hex');
  // RFC 9562 version 8 (custom) UUID layout.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
