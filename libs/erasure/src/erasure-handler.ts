import { DeletionScope } from '@rag/contracts';
import { EntityManager } from 'typeorm';

/** Whose data is erased: a user of the tenant (with their chat sessions), or the whole tenant. */
export interface ErasureSubject {
  tenantId: string;
  scope: DeletionScope;
  userId: string | null;
  sessionIds: string[];
}

/** What was erased, by kind of record. */
export type ErasureCounts = Record<string, number>;

/**
 * An app's part of a GDPR erasure: hard deletes, never soft ones. Both steps must be idempotent
 * (a request can be delivered or retried again, and then finds nothing left to count).
 */
export interface ErasureHandler {
  /** Stores outside the database (vectors, blobs), erased and checked empty before the rows go. */
  eraseOutsideDatabase?(subject: ErasureSubject): Promise<ErasureCounts>;
  /** The rows, in the transaction that also records the reply. */
  eraseRows(manager: EntityManager, subject: ErasureSubject): Promise<ErasureCounts>;
  /**
   * Retention (apps in RETAINING_APPS): the tenant's records created before `cutoff`, in the
   * transaction that records the reply.
   */
  eraseOlderThan?(manager: EntityManager, tenantId: string, cutoff: Date): Promise<ErasureCounts>;
}

export const ERASURE_HANDLER = Symbol('ERASURE_HANDLER');
export const ERASING_APP = Symbol('ERASING_APP');

/** Runs a DELETE and answers how many rows it removed. */
export async function deleteCounted(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const [, affected] = (await manager.query(sql, parameters)) as [unknown, number];
  return affected;
}
