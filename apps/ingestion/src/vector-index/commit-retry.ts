import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage } from './vector-table';

// "Incompatible transaction": the write lost to another process's concurrent one (e.g. the table
// being created at the same moment); the retry reopens the table at its latest version.
const CONFLICT = /commit conflict|too many concurrent writers|incompatible transaction/i;

/**
 * Retries a LanceDB write that lost a commit race (another process wrote the same table version).
 * Writes are idempotent (merge on chunk_id, delete by id), so running one again is safe.
 */
export async function retryCommitConflicts<T>(write: () => Promise<T>, attempts = 4, baseDelayMs = 25): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !CONFLICT.test(errorMessage(error))) throw error;
      await delay(baseDelayMs * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}
