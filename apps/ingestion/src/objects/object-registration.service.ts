import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ObjectView } from '@rag/api';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { Actor, createEvent, ObjectRegistered } from '@rag/contracts';
import { isUniqueViolation, TenantScope, TenantScopedRepository } from '@rag/database';
import { requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager, Not, In } from 'typeorm';
import { DataSourceRow } from '../data-sources/data-source.entity';
import { DataSourcesService } from '../data-sources/data-sources.service';
import { kindOfContentType, sniffContentType } from '../extraction/content-type';
import { IngestionQuotas } from '../quotas/ingestion-quotas';
import { blobKeys } from './blob-keys';
import { IngestedObject, toObjectView } from './ingested-object.entity';
import { ObjectContent, RegistrationInput } from './object-content';
import {
  ContentTypeMismatchError,
  EmptyObjectError,
  SidecarNotAllowedError,
  UnsupportedContentTypeApiError,
} from './object.errors';

export const ingestedObjects = new TenantScopedRepository(IngestedObject, 'tenantId');

const SNIFF_BYTES = 4100;

export interface Registration {
  object: ObjectView;
  created: boolean;
}

/**
 * Registers an object whose bytes are in hand: content type from the bytes, SHA-256, the same
 * content in the same data source returned instead of stored twice, quotas checked, the bytes
 * put in the blob store and the row committed with `object.registered` (which starts the
 * pipeline). Nothing is left behind when any step refuses.
 */
@Injectable()
export class ObjectRegistrationService {
  private readonly logger = new Logger(ObjectRegistrationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly dataSources: DataSourcesService,
    private readonly quotas: IngestionQuotas,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async register(
    scope: TenantScope,
    input: RegistrationInput,
    content: ObjectContent,
    actor: Actor,
  ): Promise<Registration> {
    const tenantId = requireTenant(scope, 'registering an object');
    const source = await this.dataSources.findLive(this.dataSource.manager, scope, input.dataSourceId);
    if (content.body.length === 0) throw new EmptyObjectError();
    const contentType = this.checkContentType(source, content, input);
    const checksum = createHash('sha256').update(content.body).digest('hex');

    const existing = await this.findLiveCopy(this.dataSource.manager, scope, source.id, checksum);
    if (existing) return { object: this.view(existing, true), created: false };

    const id = randomUUID();
    const written: string[] = [];
    try {
      const row = await this.dataSource.transaction(async (manager) => {
        await this.quotas.check(manager, tenantId, content.body.length);
        const stored = await this.blobs.put(blobKeys.source(tenantId, id), content.body, contentType);
        written.push(stored.key);
        let sidecarKey: string | undefined;
        if (input.sidecarText) {
          sidecarKey = blobKeys.sidecar(tenantId, id);
          await this.blobs.put(sidecarKey, Buffer.from(input.sidecarText, 'utf8'), 'text/plain; charset=utf-8');
          written.push(sidecarKey);
        }
        const now = new Date();
        const object: IngestedObject = {
          id,
          tenantId,
          dataSourceId: source.id,
          cloudfrontUrl: stored.url,
          contentType,
          sizeBytes: content.body.length,
          checksum,
          status: 'pending',
          createdAt: now,
          metadata: {
            origin: content.origin,
            ...(content.sourceUrl ? { sourceUrl: content.sourceUrl } : {}),
            filename: content.filename,
            tags: [...new Set(input.tags)],
            ...(sidecarKey ? { sidecarKey } : {}),
          },
          attempts: 0,
          heartbeatAt: null,
          updatedAt: now,
        };
        await ingestedObjects.insert(manager, scope, object);
        await this.outbox.publish(
          manager,
          createEvent(ObjectRegistered, {
            tenantId,
            actor,
            resourceId: id,
            data: {
              dataSourceId: source.id,
              contentType,
              sizeBytes: object.sizeBytes,
              checksum,
              origin: content.origin,
            },
          }),
        );
        return object;
      });
      return { object: this.view(row), created: true };
    } catch (error) {
      await this.discard(written);
      if (isUniqueViolation(error, 'ingested_objects_live_checksum_key')) {
        const winner = await this.findLiveCopy(this.dataSource.manager, scope, source.id, checksum);
        if (winner) return { object: this.view(winner, true), created: false };
      }
      throw error;
    }
  }

  view(row: IngestedObject, duplicate = false): ObjectView {
    return toObjectView(row, this.blobs.signedUrl(row.cloudfrontUrl), duplicate);
  }

  private checkContentType(source: DataSourceRow, content: ObjectContent, input: RegistrationInput): string {
    const contentType = sniffContentType(content.body.subarray(0, SNIFF_BYTES), content.declaredType, content.filename);
    const kind = kindOfContentType(contentType);
    if (!kind) throw new UnsupportedContentTypeApiError(contentType);
    if (kind !== source.type) throw new ContentTypeMismatchError(source.type, contentType);
    if (input.sidecarText !== undefined && kind === 'text') throw new SidecarNotAllowedError();
    return contentType;
  }

  private findLiveCopy(
    manager: EntityManager,
    scope: TenantScope,
    dataSourceId: string,
    checksum: string,
  ): Promise<IngestedObject | null> {
    return ingestedObjects.findOne(manager, scope, {
      dataSourceId,
      checksum,
      status: Not(In(['deleting', 'deleted'])),
    });
  }

  private async discard(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.blobs.delete(keys);
    } catch (error) {
      this.logger.error(`could not remove blobs of a refused registration (${keys.join(', ')}): ${String(error)}`);
    }
  }
}
