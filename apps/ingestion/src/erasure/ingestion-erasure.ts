import { Inject, Injectable } from '@nestjs/common';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { deleteCounted, ErasureCounts, ErasureHandler, ErasureSubject } from '@rag/erasure';
import { EntityManager } from 'typeorm';
import { blobKeys } from '../objects/blob-keys';
import { VectorIndex } from '../vector-index/vector-index';

/**
 * Documents belong to the tenant, not to a user: a user's erasure finds nothing here. A tenant's
 * erasure drops its vector tables (every model, every version), deletes its blobs (originals and
 * chunk texts, under `tenants/<id>/objects/`) and checks both stores empty, then deletes its rows.
 */
@Injectable()
export class IngestionErasure implements ErasureHandler {
  constructor(
    private readonly vectors: VectorIndex,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async eraseOutsideDatabase(subject: ErasureSubject): Promise<ErasureCounts> {
    if (subject.scope !== 'tenant') return {};
    // Its own blobs only: other apps (evaluation's reports) keep theirs under the tenant's folder too.
    const prefix = blobKeys.objects(subject.tenantId);
    const vectorTables = await this.vectors.eraseTenant(subject.tenantId);
    const blobs = await this.blobs.deletePrefix(prefix);
    const left = await this.blobs.list(prefix);
    if (left.length > 0) throw new Error(`${left.length} blobs of tenant ${subject.tenantId} remain after the erasure`);
    return { vector_tables: vectorTables, blobs };
  }

  async eraseRows(manager: EntityManager, subject: ErasureSubject): Promise<ErasureCounts> {
    if (subject.scope !== 'tenant') return {};
    const tenant = [subject.tenantId];
    return {
      search_metadata: await deleteCounted(manager, `DELETE FROM search_metadata WHERE tenant_id = $1`, tenant),
      document_chunks: await deleteCounted(manager, `DELETE FROM document_chunks WHERE tenant_id = $1`, tenant),
      embeddings_registry: await deleteCounted(manager, `DELETE FROM embeddings_registry WHERE tenant_id = $1`, tenant),
      ingested_objects: await deleteCounted(manager, `DELETE FROM ingested_objects WHERE tenant_id = $1`, tenant),
      data_sources: await deleteCounted(manager, `DELETE FROM data_sources WHERE tenant_id = $1`, tenant),
    };
  }
}
