import { Table } from '@lancedb/lancedb';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { retryCommitConflicts } from './commit-retry';
import { KeyedMutex } from './keyed-mutex';
import { TenantTables } from './tenant-tables';
import { VectorDeleteIncompleteError, VectorInputError } from './vector-index.errors';
import { sqlIn, sqlString, vectorFilterSql } from './vector-filter-sql';
import { checkTag, checkVector, isZeroVector, tenantTableName, uuidOf } from './vector-input';
import { VectorFilter, VectorHit, VectorRecord } from './vector-records';
import { annIndexConfig, annIndexOf, hiddenDeletedRows, VECTOR_COLUMN, VectorRow } from './vector-table';

export interface VectorIndexOptions {
  /** A directory, or an object store URI such as s3://bucket/vectors. */
  uri: string;
  storageOptions?: Record<string, string>;
  dimensions: number;
  /** A tenant gets an ANN index (HNSW-SQ) from this many vectors; below, exact search is fast enough. Default 50 000. */
  annMinRows?: number;
  /** HNSW candidates per query (at least k); default 128. */
  ef?: number;
  /** How late, in seconds, another process's writes may show in searches; default 5, 0 checks on every read. */
  readConsistencySeconds?: number;
  /** The embedding model of the vectors: each tenant gets a table per model. */
  model?: string;
  /**
   * A table is compacted once a write leaves it with this many fragments (each write adds one, and
   * a search reads every fragment: without compaction it slows down with every document); default 32.
   */
  compactAtFragments?: number;
}

const MAX_K = 10_000;
const IDS_PER_STATEMENT = 1_000;

interface HitRow {
  chunk_id: string;
  object_id: string;
  data_source_id: string;
  _distance: number;
}

/**
 * Per-tenant vector index on LanceDB: one table per tenant (`tenant_<uuid hex>`), so a tenant's
 * searches, deletions and purge never open another tenant's data. Writes to a table are serialised
 * in this process and retried on commit conflicts with other processes.
 */
@Injectable()
export class VectorIndex implements OnApplicationShutdown {
  private readonly dimensions: number;
  private readonly annMinRows: number;
  private readonly ef: number;
  private readonly tables: TenantTables;
  private readonly writes = new KeyedMutex();
  private closed = false;
  private readonly model?: string;
  private readonly compactAtFragments: number;

  constructor(options: VectorIndexOptions) {
    this.dimensions = options.dimensions;
    this.annMinRows = options.annMinRows ?? 50_000;
    this.ef = options.ef ?? 128;
    this.model = options.model;
    this.compactAtFragments = options.compactAtFragments ?? 32;
    const sizes = [this.dimensions, this.annMinRows, this.ef, this.compactAtFragments];
    if (!sizes.every((value) => Number.isInteger(value) && value >= 1)) {
      throw new RangeError('dimensions, annMinRows, ef and compactAtFragments must be positive integers');
    }
    this.tables = new TenantTables({
      uri: options.uri,
      storageOptions: options.storageOptions,
      dimensions: options.dimensions,
      readConsistencySeconds: options.readConsistencySeconds ?? 5,
    });
  }

  /** The tenant's table name, recorded as embeddings_registry.vector_store_id. */
  storeId(tenantId: string): string {
    return tenantTableName(tenantId, this.model);
  }

  /** Inserts or replaces by chunk id, so a retried batch never duplicates a vector. */
  async upsert(tenantId: string, records: VectorRecord[]): Promise<void> {
    const name = this.tableName(tenantId);
    const rows = [...new Map(records.map((record) => this.toRow(record)).map((row) => [row.chunk_id, row])).values()];
    if (rows.length === 0) return;
    await this.write(name, async () => {
      const table = await this.tables.findOrCreate(name);
      await table.mergeInsert('chunk_id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(rows);
      await this.compactWhenFragmented(table);
    });
  }

  /**
   * Merges the table's fragments into one (and folds new rows into its ANN index) once writes have
   * left `compactAtFragments` of them. Versions stay for LanceDB's default week: another process may
   * still be reading one.
   */
  private async compactWhenFragmented(table: Table): Promise<void> {
    const { fragmentStats } = await table.stats();
    if (fragmentStats.numFragments >= this.compactAtFragments) await table.optimize();
  }

  /**
   * The k nearest chunks by cosine similarity, best first; [] for a tenant without vectors, an
   * all-zero query vector or a filter with an empty list.
   */
  async search(
    tenantId: string,
    vector: Float32Array,
    k: number,
    filter?: VectorFilter,
    options: { exact?: boolean } = {},
  ): Promise<VectorHit[]> {
    const name = this.tableName(tenantId);
    checkVector(vector, this.dimensions);
    if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
      throw new VectorInputError(`k must be an integer from 1 to ${MAX_K}`);
    }
    const where = vectorFilterSql(filter);
    if (where === null || isZeroVector(vector)) return [];
    return this.read(name, [], async (table) => {
      const query = table
        .vectorSearch(vector)
        .distanceType('cosine')
        .select(['chunk_id', 'object_id', 'data_source_id', '_distance']);
      if (where) query.where(where);
      // The HNSW-SQ index ranks on quantised vectors and reports another distance scale (2× cosine
      // distance); refining re-scores the k candidates on the stored vectors, so scores are exact cosine.
      if (options.exact) query.bypassVectorIndex();
      else query.ef(Math.max(this.ef, k)).refineFactor(1);
      const rows = (await query.limit(k).toArray()) as HitRow[];
      return rows
        .filter((row) => Number.isFinite(row._distance))
        .map((row) => ({
          chunkId: row.chunk_id,
          objectId: row.object_id,
          dataSourceId: row.data_source_id,
          score: Math.max(-1, Math.min(1, 1 - row._distance)),
        }));
    });
  }

  async countByChunkIds(tenantId: string, chunkIds: string[]): Promise<number> {
    const name = this.tableName(tenantId);
    const ids = uniqueIds(chunkIds, 'chunkId');
    if (ids.length === 0) return 0;
    return this.read(name, 0, (table) => countIds(table, ids));
  }

  async countByObjectId(tenantId: string, objectId: string): Promise<number> {
    const name = this.tableName(tenantId);
    const predicate = `object_id = ${sqlString(uuidOf(objectId, 'objectId'))}`;
    return this.read(name, 0, (table) => table.countRows(predicate));
  }

  /** The chunk ids the index holds for an object, including any an interrupted ingestion left. */
  async chunkIdsOfObject(tenantId: string, objectId: string): Promise<string[]> {
    const name = this.tableName(tenantId);
    const predicate = `object_id = ${sqlString(uuidOf(objectId, 'objectId'))}`;
    return this.read(name, [], async (table) => {
      const rows = (await table.query().where(predicate).select(['chunk_id']).toArray()) as { chunk_id: string }[];
      return rows.map((row) => row.chunk_id);
    });
  }

  /** Deletes, then counts: throws VectorDeleteIncompleteError if any of the chunks is still there. */
  async deleteByChunkIds(tenantId: string, chunkIds: string[]): Promise<void> {
    const name = this.tableName(tenantId);
    const ids = uniqueIds(chunkIds, 'chunkId');
    if (ids.length === 0) return;
    await this.write(name, async () => {
      const table = await this.tables.find(name);
      if (!table) return;
      for (let at = 0; at < ids.length; at += IDS_PER_STATEMENT) {
        await table.delete(sqlIn('chunk_id', ids.slice(at, at + IDS_PER_STATEMENT)));
      }
      const remaining = await countIds(table, ids);
      if (remaining > 0) throw new VectorDeleteIncompleteError(tenantId, remaining);
    });
  }

  /**
   * Removes deleted and replaced vectors from storage for good (GDPR): compacts, then prunes every
   * old version. Compaction leaves a fragment with few deletions as it is (deleted rows stay in its
   * data file, and a delete does not rewrite the ANN index), so when deleted rows remain the table is rewritten and pruned
   * again, and its ANN index rebuilt. That rewrite costs a pass over all of the tenant's vectors:
   * batch purges rather than run one per deletion.
   */
  async purgeOldVersions(tenantId: string): Promise<void> {
    const name = this.tableName(tenantId);
    await this.write(name, async () => {
      const table = await this.tables.find(name);
      if (!table) return;
      await table.optimize({ cleanupOlderThan: new Date() });
      if ((await hiddenDeletedRows(table)) === 0) return;
      const hadAnnIndex = (await annIndexOf(table)) !== undefined;
      await table.update({ where: 'true', valuesSql: { chunk_id: 'chunk_id' } });
      await table.optimize({ cleanupOlderThan: new Date() });
      const rows = await table.countRows();
      if (hadAnnIndex && rows >= this.annMinRows && !(await annIndexOf(table))) {
        await this.buildAnnIndex(table, rows);
        await table.optimize({ cleanupOlderThan: new Date() });
      }
      const hidden = await hiddenDeletedRows(table);
      if (hidden > 0) throw new Error(`${hidden} deleted vectors of tenant ${tenantId} are still on storage`);
    });
  }

  /**
   * GDPR: drops every table of the tenant, whatever its embedding model, with every version of it,
   * then checks none is left. Answers how many tables were dropped.
   */
  async eraseTenant(tenantId: string): Promise<number> {
    const prefix = tenantTableName(tenantId);
    const ofTenant = async () =>
      (await this.tables.names()).filter((name) => name === prefix || name.startsWith(`${prefix}_m`));
    const names = await ofTenant();
    for (const name of names) await this.write(name, () => this.tables.drop(name));
    const left = await ofTenant();
    if (left.length > 0)
      throw new Error(`vector tables of tenant ${tenantId} remain after the erasure: ${left.join(', ')}`);
    return names.length;
  }

  /** Drops the tenant's table with every version of it. */
  async dropTenant(tenantId: string): Promise<void> {
    const name = this.tableName(tenantId);
    await this.write(name, () => this.tables.drop(name));
  }

  async rowCount(tenantId: string): Promise<number> {
    return this.read(this.tableName(tenantId), 0, (table) => table.countRows());
  }

  /**
   * Builds the tenant's HNSW-SQ index once it holds annMinRows vectors; once it exists, folds in
   * vectors added since (they are searched exhaustively until then) when they grow numerous.
   * Returns whether the tenant has an ANN index.
   */
  async ensureAnnIndex(tenantId: string): Promise<boolean> {
    const name = this.tableName(tenantId);
    return this.write(name, async () => {
      const table = await this.tables.find(name);
      if (!table) return false;
      const index = await annIndexOf(table);
      if (index) {
        const unindexed = index.numUnindexedRows ?? 0;
        if (unindexed >= Math.max(1_000, (index.numIndexedRows ?? 0) / 10)) await table.optimize();
        return true;
      }
      const rows = await table.countRows();
      if (rows < this.annMinRows) return false;
      await this.buildAnnIndex(table, rows);
      return true;
    });
  }

  /** Waits for queued writes, then releases every table and the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.idle();
    await this.tables.close();
  }

  /** The last shutdown phase: the pipeline workers stopped taking work in the one before. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private tableName(tenantId: string): string {
    if (this.closed) throw new Error('the vector index is closed');
    return tenantTableName(tenantId, this.model);
  }

  private toRow(record: VectorRecord): VectorRow {
    return {
      chunk_id: uuidOf(record.chunkId, 'chunkId'),
      object_id: uuidOf(record.objectId, 'objectId'),
      data_source_id: uuidOf(record.dataSourceId, 'dataSourceId'),
      tags: [...new Set(record.tags.map(checkTag))],
      vector: checkVector(record.vector, this.dimensions),
    };
  }

  private write<T>(name: string, task: () => Promise<T>): Promise<T> {
    return this.writes.run(name, () =>
      retryCommitConflicts(async () => {
        try {
          return await task();
        } catch (error) {
          if (!(error instanceof VectorDeleteIncompleteError)) this.tables.forget(name);
          throw error;
        }
      }),
    );
  }

  /** Runs a read on the tenant's table, or answers `empty` when the tenant has none. */
  private async read<T>(name: string, empty: T, task: (table: Table) => Promise<T>): Promise<T> {
    const table = await this.tables.find(name);
    if (!table) return empty;
    try {
      return await task(table);
    } catch (error) {
      this.tables.forget(name); // a table dropped or rewritten elsewhere is reopened on the next call
      throw error;
    }
  }

  private async buildAnnIndex(table: Table, rows: number): Promise<void> {
    await table.createIndex(VECTOR_COLUMN, { config: annIndexConfig(rows) });
    const index = await annIndexOf(table);
    if (index) await table.prewarmIndex(index.name);
  }
}

function uniqueIds(ids: string[], what: string): string[] {
  return [...new Set(ids.map((id) => uuidOf(id, what)))];
}

async function countIds(table: Table, ids: string[]): Promise<number> {
  let count = 0;
  for (let at = 0; at < ids.length; at += IDS_PER_STATEMENT) {
    count += await table.countRows(sqlIn('chunk_id', ids.slice(at, at + IDS_PER_STATEMENT)));
  }
  return count;
}
