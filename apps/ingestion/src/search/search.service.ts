import { Inject, Injectable } from '@nestjs/common';
import { ChunkLookupDto, ChunkLookupView, SearchDto, SearchHitView, SearchResultView } from '@rag/api';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { Embedder } from '@rag/embedding';
import { requireTenant } from '@rag/http';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { DocumentChunk } from '../chunks/document-chunk.entity';
import { SearchMetadata } from '../chunks/search-metadata.entity';
import { EMBEDDER } from '../stores/tokens';
import { VectorIndex } from '../vector-index/vector-index';
import { KeywordRanking } from './keyword-ranking';
import { reciprocalRankFusion } from './reciprocal-rank-fusion';

const chunks = new TenantScopedRepository(DocumentChunk, 'tenantId');

/** Each half of the hybrid search ranks this many candidates before fusion. */
const MIN_CANDIDATES = 40;

interface Filters {
  dataSourceIds?: string[];
  objectIds?: string[];
  tags?: string[];
}

interface ChunkRow {
  id: string;
  objectId: string;
  chunkIndex: number;
  cloudfrontUrl: string;
  dataSourceId: string;
  objectUrl: string;
  tags: string[];
}

/**
 * Hybrid retrieval: vector similarity (LanceDB, the tenant's table) fused with keyword matches
 * (search_metadata, GIN) by reciprocal rank fusion. Only chunks of indexed objects in live
 * data sources of the caller's tenant come back, whatever either index holds.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vectors: VectorIndex,
    private readonly keywords: KeywordRanking,
    @Inject(EMBEDDER) private readonly embedder: Embedder,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async search(scope: TenantScope, input: SearchDto): Promise<SearchResultView> {
    const tenantId = requireTenant(scope, 'searching');
    const filters = input.filters ?? {};
    const candidates = Math.max(MIN_CANDIDATES, input.k * 4);
    const [vectorHits, keywordHits] = await Promise.all([
      this.vectorRanking(tenantId, input.query, candidates, filters),
      this.keywords.rank(scope, input.query, candidates, (builder) => {
        builder.innerJoin(DocumentChunk, 'dc', 'dc.id = sm.chunk_id AND dc.tenant_id = sm.tenant_id');
        this.joinLiveObjects(builder, 'dc', filters);
        if (filters.tags?.length) builder.andWhere('sm.tags && CAST(:tags AS text[])', { tags: filters.tags });
      }),
    ]);
    const fused = reciprocalRankFusion([vectorHits.map((hit) => hit.chunkId), keywordHits.map((hit) => hit.chunkId)]);
    const rows = await this.liveChunks(
      scope,
      fused.slice(0, input.k * 2).map((hit) => hit.id),
      filters,
    );
    const vectorScore = new Map(vectorHits.map((hit) => [hit.chunkId, hit.score]));
    const keywordMatches = new Map(keywordHits.map((hit) => [hit.chunkId, hit.matches]));
    const top = fused.filter((hit) => rows.has(hit.id)).slice(0, input.k);
    const items = await Promise.all(
      top.map(async ({ id, score }): Promise<SearchHitView> => {
        const row = rows.get(id)!;
        return {
          chunkId: id,
          objectId: row.objectId,
          dataSourceId: row.dataSourceId,
          chunkIndex: row.chunkIndex,
          score,
          vectorScore: vectorScore.get(id) ?? null,
          keywordMatches: keywordMatches.get(id) ?? null,
          text: await this.chunkText(row.cloudfrontUrl),
          url: this.blobs.signedUrl(row.cloudfrontUrl),
          objectUrl: this.blobs.signedUrl(row.objectUrl),
          tags: row.tags,
        };
      }),
    );
    return { items, model: this.embedder.model };
  }

  /** Live chunks by id, with their text (chunks deleted since, or of another tenant, are left out). */
  async lookup(scope: TenantScope, input: ChunkLookupDto): Promise<ChunkLookupView> {
    requireTenant(scope, 'looking up chunks');
    const rows = await this.liveChunks(scope, [...new Set(input.ids)], {});
    const items = await Promise.all(
      input.ids
        .filter((id) => rows.has(id))
        .map(async (id) => {
          const row = rows.get(id)!;
          return { chunkId: id, objectId: row.objectId, text: await this.chunkText(row.cloudfrontUrl) };
        }),
    );
    return { items };
  }

  private async vectorRanking(tenantId: string, query: string, candidates: number, filters: Filters) {
    const [vector] = await this.embedder.embed([query]);
    return this.vectors.search(tenantId, vector, candidates, filters);
  }

  /** The fused candidates that are still searchable, re-checked against the tables. */
  private async liveChunks(scope: TenantScope, ids: string[], filters: Filters): Promise<Map<string, ChunkRow>> {
    if (ids.length === 0) return new Map();
    const builder = chunks
      .query(this.dataSource.manager, scope, 'dc')
      .select('dc.id', 'id')
      .addSelect('dc.object_id', 'objectId')
      .addSelect('dc.chunk_index', 'chunkIndex')
      .addSelect('dc.cloudfront_url', 'cloudfrontUrl')
      .addSelect('o.data_source_id', 'dataSourceId')
      .addSelect('o.cloudfront_url', 'objectUrl')
      .addSelect('sm.tags', 'tags')
      .leftJoin(SearchMetadata, 'sm', 'sm.chunk_id = dc.id AND sm.tenant_id = dc.tenant_id')
      .andWhere('dc.id IN (:...ids)', { ids });
    this.joinLiveObjects(builder, 'dc', filters);
    if (filters.tags?.length) builder.andWhere('sm.tags && CAST(:tags AS text[])', { tags: filters.tags });
    const rows = await builder.getRawMany<ChunkRow>();
    return new Map(rows.map((row) => [row.id, { ...row, tags: row.tags ?? [] }]));
  }

  private joinLiveObjects(
    builder: SelectQueryBuilder<DocumentChunk> | SelectQueryBuilder<SearchMetadata>,
    chunkAlias: string,
    filters: Filters,
  ): void {
    builder
      .innerJoin(
        'ingested_objects',
        'o',
        `o.id = ${chunkAlias}.object_id AND o.tenant_id = ${chunkAlias}.tenant_id AND o.ingestion_status = 'indexed'`,
      )
      .innerJoin('data_sources', 'ds', 'ds.id = o.data_source_id AND ds.deleted_at IS NULL');
    if (filters.objectIds?.length) builder.andWhere('o.id IN (:...objectIds)', { objectIds: filters.objectIds });
    if (filters.dataSourceIds?.length) {
      builder.andWhere('o.data_source_id IN (:...dataSourceIds)', { dataSourceIds: filters.dataSourceIds });
    }
  }

  private async chunkText(url: string): Promise<string> {
    const key = this.blobs.keyFromUrl(url);
    if (!key) return '';
    return (await this.blobs.get(key)).toString('utf8');
  }
}
