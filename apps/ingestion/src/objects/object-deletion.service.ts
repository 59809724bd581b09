import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ObjectView } from '@rag/api';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { Actor, createEvent, ObjectDeleted } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { ApiError, NotFoundError, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { VectorIndex } from '../vector-index/vector-index';
import { blobKeys } from './blob-keys';
import { IngestedObject } from './ingested-object.entity';
import { ingestedObjects, ObjectRegistrationService } from './object-registration.service';
import { ObjectBusyError } from './object.errors';

class DeletionIncompleteError extends ApiError {
  constructor(store: string, left: number) {
    super(HttpStatus.INTERNAL_SERVER_ERROR, 'deletion_incomplete', `${left} item(s) of the object remain in ${store}`, {
      store,
      left,
    });
  }
}

/**
 * Deletes an object's chunks, keywords, vectors and blobs, by our own chunk ids and prefixes,
 * then counts what is left in each store: a silent partial delete is an error, and the object
 * stays `deleting` so that repeating the DELETE finishes the job. The object row stays as a
 * `deleted` tombstone holding the counts (no content): it is what the ingestion quota counts.
 */
@Injectable()
export class ObjectDeletionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly vectors: VectorIndex,
    private readonly registration: ObjectRegistrationService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async remove(scope: TenantScope, id: string, actor: Actor): Promise<ObjectView> {
    requireTenant(scope, 'deleting an object');
    const object = await this.markDeleting(scope, id);
    if (object.status === 'deleted') return this.registration.view(object);

    const rowIds = (
      (await this.dataSource.query('SELECT id FROM document_chunks WHERE tenant_id = $1 AND object_id = $2', [
        object.tenantId,
        object.id,
      ])) as { id: string }[]
    ).map((row) => row.id);
    // Ours by construction: the object's chunk rows, and vectors an interrupted attempt left without rows.
    const chunkIds = [...new Set([...rowIds, ...(await this.vectors.chunkIdsOfObject(object.tenantId, object.id))])];

    const vectorsBefore = await this.vectors.countByObjectId(object.tenantId, object.id);
    await this.vectors.deleteByChunkIds(object.tenantId, chunkIds);
    const vectorsLeft = await this.vectors.countByObjectId(object.tenantId, object.id);
    if (vectorsLeft > 0) throw new DeletionIncompleteError('the vector index', vectorsLeft);

    const prefix = blobKeys.object(object.tenantId, object.id);
    const blobsDeleted = await this.blobs.deletePrefix(prefix);
    const blobsLeft = (await this.blobs.list(prefix)).length;
    if (blobsLeft > 0) throw new DeletionIncompleteError('the blob store', blobsLeft);

    return this.dataSource.transaction(async (manager) => {
      const [, chunksDeleted] = (await manager.query(
        'DELETE FROM document_chunks WHERE tenant_id = $1 AND object_id = $2',
        [object.tenantId, object.id],
      )) as [unknown, number];
      const deletion = { chunks: chunksDeleted, vectors: vectorsBefore, blobs: blobsDeleted };
      const metadata = { ...object.metadata, deletion };
      const updatedAt = new Date();
      await ingestedObjects.update(manager, scope, { id }, { status: 'deleted', metadata, updatedAt });
      await this.outbox.publish(
        manager,
        createEvent(ObjectDeleted, {
          tenantId: object.tenantId,
          actor,
          resourceId: id,
          data: {
            sizeBytes: object.sizeBytes,
            chunksDeleted,
            vectorsDeleted: vectorsBefore,
            blobsDeleted,
            stores: ['postgres', 'vector-index', 'blob-store'],
          },
        }),
      );
      return this.registration.view({ ...object, status: 'deleted', metadata, updatedAt });
    });
  }

  private async markDeleting(scope: TenantScope, id: string): Promise<IngestedObject> {
    return this.dataSource.transaction(async (manager) => {
      const object = await ingestedObjects.findOneForUpdate(manager, scope, { id });
      if (!object) throw new NotFoundError('object', id);
      if (object.status === 'processing') throw new ObjectBusyError(id);
      if (object.status === 'deleted' || object.status === 'deleting') return object;
      await ingestedObjects.update(manager, scope, { id }, { status: 'deleting', updatedAt: new Date() });
      return { ...object, status: 'deleting' };
    });
  }
}
