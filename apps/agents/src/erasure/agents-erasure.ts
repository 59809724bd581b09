import { Injectable } from '@nestjs/common';
import { deleteCounted, ErasureCounts, ErasureHandler, ErasureSubject } from '@rag/erasure';
import { EntityManager } from 'typeorm';

/**
 * The runs (and their failures) of a user's sessions or metered to the user, or everything of a
 * tenant, its LLM configuration included. Providers are global and hold no tenant's data.
 */
@Injectable()
export class AgentsErasure implements ErasureHandler {
  async eraseRows(manager: EntityManager, subject: ErasureSubject): Promise<ErasureCounts> {
    const { tenantId } = subject;
    if (subject.scope === 'tenant') {
      return {
        agent_failures: await deleteCounted(manager, `DELETE FROM agent_failures WHERE tenant_id = $1`, [tenantId]),
        agent_runs: await deleteCounted(manager, `DELETE FROM agent_runs WHERE tenant_id = $1`, [tenantId]),
        tenant_llm_config: await deleteCounted(manager, `DELETE FROM tenant_llm_config WHERE tenant_id = $1`, [
          tenantId,
        ]),
      };
    }
    const runs = `SELECT id FROM agent_runs
                   WHERE tenant_id = $1 AND (session_id = ANY($2::uuid[]) OR metadata->>'userId' = $3::text)`;
    const parameters = [tenantId, subject.sessionIds, subject.userId];
    return {
      agent_failures: await deleteCounted(
        manager,
        `DELETE FROM agent_failures WHERE tenant_id = $1 AND agent_run_id IN (${runs})`,
        parameters,
      ),
      agent_runs: await deleteCounted(manager, `DELETE FROM agent_runs WHERE id IN (${runs})`, parameters),
    };
  }

  /** Ended runs created before the cutoff, with their failures. */
  async eraseOlderThan(manager: EntityManager, tenantId: string, cutoff: Date): Promise<ErasureCounts> {
    const runs = `SELECT id FROM agent_runs WHERE tenant_id = $1 AND created_at < $2
                   AND status IN ('succeeded', 'failed', 'cancelled')`;
    return {
      agent_failures: await deleteCounted(manager, `DELETE FROM agent_failures WHERE agent_run_id IN (${runs})`, [
        tenantId,
        cutoff,
      ]),
      agent_runs: await deleteCounted(manager, `DELETE FROM agent_runs WHERE id IN (${runs})`, [tenantId, cutoff]),
    };
  }
}
