import { Injectable } from '@nestjs/common';
import { deleteCounted, ErasureCounts, ErasureHandler, ErasureSubject } from '@rag/erasure';
import { EntityManager } from 'typeorm';

/**
 * A user's chat sessions (those compliance listed, and any the user opened since) with their
 * messages, or every session and message of a tenant. Messages are immutable: their DELETE runs
 * on the purge path the trigger admits (`SET LOCAL rag.purge = 'on'`).
 */
@Injectable()
export class ChatErasure implements ErasureHandler {
  async eraseRows(manager: EntityManager, subject: ErasureSubject): Promise<ErasureCounts> {
    await manager.query(`SET LOCAL rag.purge = 'on'`);
    if (subject.scope === 'tenant') {
      return {
        chat_messages: await deleteCounted(manager, `DELETE FROM chat_messages WHERE tenant_id = $1`, [
          subject.tenantId,
        ]),
        chat_sessions: await deleteCounted(manager, `DELETE FROM chat_sessions WHERE tenant_id = $1`, [
          subject.tenantId,
        ]),
      };
    }
    const rows = (await manager.query(
      `SELECT id FROM chat_sessions WHERE tenant_id = $1 AND (id = ANY($2::uuid[]) OR user_id = $3)`,
      [subject.tenantId, subject.sessionIds, subject.userId],
    )) as { id: string }[];
    const sessions = rows.map((row) => row.id);
    return {
      chat_messages: await deleteCounted(
        manager,
        `DELETE FROM chat_messages WHERE tenant_id = $1 AND session_id = ANY($2::uuid[])`,
        [subject.tenantId, sessions],
      ),
      chat_sessions: await deleteCounted(
        manager,
        `DELETE FROM chat_sessions WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [subject.tenantId, sessions],
      ),
    };
  }

  /** Messages created before the cutoff, then the sessions left empty and untouched since. */
  async eraseOlderThan(manager: EntityManager, tenantId: string, cutoff: Date): Promise<ErasureCounts> {
    await manager.query(`SET LOCAL rag.purge = 'on'`);
    return {
      chat_messages: await deleteCounted(
        manager,
        `DELETE FROM chat_messages WHERE tenant_id = $1 AND created_at < $2`,
        [tenantId, cutoff],
      ),
      chat_sessions: await deleteCounted(
        manager,
        `DELETE FROM chat_sessions s WHERE s.tenant_id = $1 AND s.updated_at < $2
            AND NOT EXISTS (SELECT 1 FROM chat_messages m WHERE m.tenant_id = s.tenant_id AND m.session_id = s.id)`,
        [tenantId, cutoff],
      ),
    };
  }
}
