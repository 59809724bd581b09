import { Inject, Injectable } from '@nestjs/common';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { deleteCounted, ErasureCounts, ErasureHandler, ErasureSubject } from '@rag/erasure';
import { EntityManager } from 'typeorm';

/**
 * The evaluations of a user's sessions (their metrics, and their session reports with the report
 * blobs), or everything of a tenant: sets, evaluations, metrics, reports and every report blob.
 */
@Injectable()
export class EvaluationErasure implements ErasureHandler {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  async eraseOutsideDatabase(subject: ErasureSubject): Promise<ErasureCounts> {
    if (subject.scope !== 'tenant') return {};
    const prefix = `tenants/${subject.tenantId}/reports/`;
    const blobs = await this.blobs.deletePrefix(prefix);
    if ((await this.blobs.list(prefix)).length > 0)
      throw new Error(`report blobs of tenant ${subject.tenantId} remain`);
    return { report_blobs: blobs };
  }

  async eraseRows(manager: EntityManager, subject: ErasureSubject): Promise<ErasureCounts> {
    const { tenantId } = subject;
    if (subject.scope === 'tenant') {
      return {
        rag_reports: await deleteCounted(manager, `DELETE FROM rag_reports WHERE tenant_id = $1`, [tenantId]),
        rag_metrics: await deleteCounted(manager, `DELETE FROM rag_metrics WHERE tenant_id = $1`, [tenantId]),
        evaluation_set_items: await deleteCounted(manager, `DELETE FROM evaluation_set_items WHERE tenant_id = $1`, [
          tenantId,
        ]),
        rag_evaluations: await deleteCounted(manager, `DELETE FROM rag_evaluations WHERE tenant_id = $1`, [tenantId]),
        evaluation_sets: await deleteCounted(manager, `DELETE FROM evaluation_sets WHERE tenant_id = $1`, [tenantId]),
      };
    }
    return this.eraseMatching(manager, 'session_id = ANY($2::uuid[])', [tenantId, subject.sessionIds]);
  }

  /** Reports (and their blobs), evaluations with their metrics, and completed sets created before the cutoff. */
  async eraseOlderThan(manager: EntityManager, tenantId: string, cutoff: Date): Promise<ErasureCounts> {
    const old = [tenantId, cutoff];
    return {
      ...(await this.eraseMatching(manager, 'created_at < $2', old)),
      evaluation_sets: await deleteCounted(
        manager,
        `DELETE FROM evaluation_sets WHERE tenant_id = $1 AND created_at < $2 AND status = 'completed'`,
        old,
      ),
    };
  }

  /**
   * The tenant's ($1) reports, evaluations and metrics whose row matches `condition` (on $2):
   * the report blobs, then the rows.
   */
  private async eraseMatching(
    manager: EntityManager,
    condition: string,
    parameters: unknown[],
  ): Promise<ErasureCounts> {
    const reports = (await manager.query(
      `DELETE FROM rag_reports WHERE tenant_id = $1 AND ${condition} RETURNING report_url, json_url`,
      parameters,
    )) as [{ report_url: string; json_url: string }[], number];
    const keys = reports[0]
      .flatMap((row) => [row.report_url, row.json_url])
      .flatMap((url) => this.blobs.keyFromUrl(url) ?? []);
    await this.blobs.delete(keys);
    return {
      rag_reports: reports[1],
      report_blobs: keys.length,
      rag_metrics: await deleteCounted(
        manager,
        `DELETE FROM rag_metrics WHERE tenant_id = $1 AND evaluation_id IN
           (SELECT id FROM rag_evaluations WHERE tenant_id = $1 AND ${condition})`,
        parameters,
      ),
      rag_evaluations: await deleteCounted(
        manager,
        `DELETE FROM rag_evaluations WHERE tenant_id = $1 AND ${condition}`,
        parameters,
      ),
    };
  }
}
