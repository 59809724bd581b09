import { Inject, Injectable, Logger } from '@nestjs/common';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { createEvent, ObjectIngested, SERVICE_ACTOR } from '@rag/contracts';
import { tenantScope } from '@rag/database';
import { Embedder } from '@rag/embedding';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { chunkText, TextChunk } from '../chunking/chunk-text';
import { EmbeddingRegistry } from '../chunks/embedding-registry';
import { dataSources } from '../data-sources/data-sources.service';
import { chunkingOf } from '../data-sources/data-source.entity';
import { ExtractionError, UnsupportedContentTypeError } from '../extraction/extract-text';
import { extractText } from '../extraction/extract-text';
import { kindOfContentType } from '../extraction/content-type';
import { extractKeywords } from '../keywords/extract-keywords';
import { blobKeys } from '../objects/blob-keys';
import { IngestedObject } from '../objects/ingested-object.entity';
import { ingestedObjects } from '../objects/object-registration.service';
import { EMBEDDER } from '../stores/tokens';
import { VectorIndex } from '../vector-index/vector-index';
import { chunkId } from './chunk-ids';
import { PermanentIngestionError, StepError } from './pipeline.errors';

const INSERT_BATCH = 1000;
const BLOB_WRITERS = 16;

export interface ProcessingOutcome {
  chunkCount: number;
  note: string | null;
}

/**
 * One ingestion attempt of a claimed object: extract, chunk, write each chunk's text to the
 * blob store, embed, index the vectors, then commit chunks, keywords and `indexed` with
 * `object.ingested`. Chunk ids are derived from the object and position, so a repeated attempt
 * overwrites what an interrupted one wrote.
 */
@Injectable()
export class ObjectProcessor {
  private readonly logger = new Logger(ObjectProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly registry: EmbeddingRegistry,
    private readonly vectors: VectorIndex,
    @Inject(EMBEDDER) private readonly embedder: Embedder,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async process(object: IngestedObject): Promise<ProcessingOutcome> {
    const started = Date.now();
    const scope = tenantScope(object.tenantId);
    const source = await dataSources.findOne(this.dataSource.manager, scope, { id: object.dataSourceId });
    if (!source) throw new PermanentIngestionError('extract', `data source ${object.dataSourceId} is gone`);

    const text = await step('extract', () => this.readText(object));
    if (text === null) {
      const note = 'media objects are indexed through a transcript or caption (sidecarText); none was given';
      await this.finish(object, [], note, started);
      return { chunkCount: 0, note };
    }
    const pieces = await step('chunk', async () => chunkText(text, chunkingOf(source)));
    if (pieces.length === 0) {
      const note = 'no text was found in the object';
      await this.finish(object, [], note, started);
      return { chunkCount: 0, note };
    }
    const chunks = pieces.map((piece) => ({ ...piece, id: chunkId(object.id, piece.index) }));
    const urls = await step('store', () => this.storeChunks(object, chunks));
    // A remote embedder batches its requests itself (EMBEDDING_BATCH_SIZE).
    const vectors = await step('embed', () => this.embedder.embed(chunks.map((chunk) => chunk.text)));
    await step('index', () =>
      this.vectors.upsert(
        object.tenantId,
        chunks.map((chunk, position) => ({
          chunkId: chunk.id,
          objectId: object.id,
          dataSourceId: object.dataSourceId,
          tags: object.metadata.tags,
          vector: vectors[position],
        })),
      ),
    );
    await step('index', () => this.vectors.ensureAnnIndex(object.tenantId));
    await this.finish(
      object,
      chunks.map((chunk, position) => ({ ...chunk, url: urls[position] })),
      null,
      started,
    );
    return { chunkCount: chunks.length, note: null };
  }

  /** The text to index; null for a media object without sidecar text. */
  private async readText(object: IngestedObject): Promise<string | null> {
    const kind = kindOfContentType(object.contentType);
    if (kind !== 'text') {
      const sidecarKey = object.metadata.sidecarKey;
      return sidecarKey ? (await this.blobs.get(sidecarKey)).toString('utf8') : null;
    }
    const body = await this.blobs.get(blobKeys.source(object.tenantId, object.id));
    try {
      return await extractText(body, object.contentType);
    } catch (error) {
      if (error instanceof ExtractionError || error instanceof UnsupportedContentTypeError) {
        throw new PermanentIngestionError('extract', error.message);
      }
      throw error;
    }
  }

  private async storeChunks(object: IngestedObject, chunks: TextChunk[]): Promise<string[]> {
    const urls: string[] = new Array<string>(chunks.length);
    let next = 0;
    const writer = async () => {
      for (let position = next++; position < chunks.length; position = next++) {
        const chunk = chunks[position];
        const key = blobKeys.chunk(object.tenantId, object.id, chunk.index);
        urls[position] = (await this.blobs.put(key, Buffer.from(chunk.text, 'utf8'), 'text/plain; charset=utf-8')).url;
      }
    };
    await Promise.all(Array.from({ length: Math.min(BLOB_WRITERS, chunks.length) }, writer));
    return urls;
  }

  /** Commits the chunks and `indexed`, only if the object is still this worker's. */
  private async finish(
    object: IngestedObject,
    chunks: (TextChunk & { id: string; url: string })[],
    note: string | null,
    started: number,
  ): Promise<void> {
    const scope = tenantScope(object.tenantId);
    await step('commit', () =>
      this.dataSource.transaction(async (manager) => {
        const current = await ingestedObjects.findOneForUpdate(manager, scope, { id: object.id });
        if (current?.status !== 'processing') {
          throw new PermanentIngestionError('commit', `object is ${current?.status ?? 'gone'}, no longer processing`);
        }
        const embeddingId = chunks.length
          ? await this.registry.ensure(
              manager,
              object.tenantId,
              this.embedder.model,
              this.vectors.storeId(object.tenantId),
            )
          : null;
        await manager.query('DELETE FROM document_chunks WHERE tenant_id = $1 AND object_id = $2', [
          object.tenantId,
          object.id,
        ]);
        for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
          await insertChunks(manager, object, chunks.slice(start, start + INSERT_BATCH), embeddingId);
        }
        const metadata = {
          ...current.metadata,
          chunkCount: chunks.length,
          embeddingModel: this.embedder.model,
          ...(note ? { note } : {}),
        };
        delete metadata.error;
        await ingestedObjects.update(
          manager,
          scope,
          { id: object.id },
          {
            status: 'indexed',
            metadata,
            heartbeatAt: null,
            updatedAt: new Date(),
          },
        );
        await this.outbox.publish(
          manager,
          createEvent(ObjectIngested, {
            tenantId: object.tenantId,
            actor: SERVICE_ACTOR,
            resourceId: object.id,
            data: {
              chunkCount: chunks.length,
              embeddingModel: chunks.length ? this.embedder.model : null,
              durationMs: Date.now() - started,
              note,
            },
          }),
        );
      }),
    );
  }
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentIngestionError || error instanceof StepError) throw error;
    throw new StepError(name, error);
  }
}

/** document_chunks and search_metadata rows of a batch of chunks, two statements per batch. */
async function insertChunks(
  manager: EntityManager,
  object: IngestedObject,
  chunks: (TextChunk & { id: string; url: string })[],
  embeddingId: string | null,
): Promise<void> {
  const rows = chunks.map((chunk) => ({
    id: chunk.id,
    chunk_index: chunk.index,
    cloudfront_url: chunk.url,
    metadata: { start: chunk.start, end: chunk.end, chars: chunk.text.length },
    keywords: extractKeywords(chunk.text),
  }));
  const json = JSON.stringify(rows);
  await manager.query(
    `INSERT INTO document_chunks (id, tenant_id, object_id, chunk_index, cloudfront_url, embedding_id, metadata)
     SELECT r.id, $2, $3, r.chunk_index, r.cloudfront_url, $4, r.metadata
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, chunk_index int, cloudfront_url text, metadata jsonb)`,
    [json, object.tenantId, object.id, embeddingId],
  );
  await manager.query(
    `INSERT INTO search_metadata (id, tenant_id, chunk_id, keywords, tags)
     SELECT r.id, $2, r.id, r.keywords, $3
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, keywords text[])`,
    [json, object.tenantId, object.metadata.tags],
  );
}
