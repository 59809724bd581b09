import { connect, Connection } from '@lancedb/lancedb';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recallAtK } from './recall-at-k';
import { VectorIndex, VectorIndexOptions } from './vector-index';
import { VectorDeleteIncompleteError, VectorInputError } from './vector-index.errors';
import { VectorRecord } from './vector-records';

const DIMS = 16;

/** Deterministic unit vectors (mulberry32). */
function randomUnitVector(seed: number, dims = DIMS): Float32Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const vector = Float32Array.from({ length: dims }, next);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function basis(i: number, dims = DIMS): Float32Array {
  const vector = new Float32Array(dims);
  vector[i] = 1;
  return vector;
}

function record(vector: Float32Array, fields: Partial<VectorRecord> = {}): VectorRecord {
  return { chunkId: randomUUID(), objectId: randomUUID(), dataSourceId: randomUUID(), tags: [], vector, ...fields };
}

function filesContaining(dir: string, marker: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file).includes(marker));
}

describe('VectorIndex', () => {
  let dir: string;
  const opened: VectorIndex[] = [];
  const connections: Connection[] = [];

  const newIndex = (options: Partial<VectorIndexOptions> = {}): VectorIndex => {
    const index = new VectorIndex({ uri: dir, dimensions: DIMS, annMinRows: 50_000, ...options });
    opened.push(index);
    return index;
  };
  const inspect = async (): Promise<Connection> => {
    const connection = await connect(dir);
    connections.push(connection);
    return connection;
  };
  const tableOf = (tenantId: string): string => `tenant_${tenantId.replace(/-/g, '')}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vector-index-'));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(opened.splice(0).map((index) => index.close()));
    connections.splice(0).forEach((connection) => connection.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('compacts a table that writes have split into many fragments, and still finds every vector', async () => {
    const index = newIndex({ compactAtFragments: 4 });
    const tenant = randomUUID();
    const records = Array.from({ length: 10 }, (_, i) => record(randomUnitVector(i + 1)));
    for (const one of records) await index.upsert(tenant, [one]); // one document at a time: a fragment each

    const table = await (await inspect()).openTable(tableOf(tenant));
    const { fragmentStats } = await table.stats();
    expect(fragmentStats.numFragments).toBeLessThan(4);
    expect(await index.rowCount(tenant)).toBe(10);
    for (const one of records) {
      const [best] = await index.search(tenant, one.vector, 1, undefined, { exact: true });
      expect(best.chunkId).toBe(one.chunkId);
    }
  });

  it('finds the nearest chunks by cosine similarity, best first, with their ids', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const records = [0, 1, 2].map((i) => record(basis(i)));
    await index.upsert(tenant, records);

    const query = Float32Array.from(basis(0).map((value, i) => value + (i === 1 ? 0.5 : 0)));
    const hits = await index.search(tenant, query, 2);
    expect(hits.map((hit) => hit.chunkId)).toEqual([records[0].chunkId, records[1].chunkId]);
    expect(hits[0]).toEqual({
      chunkId: records[0].chunkId,
      objectId: records[0].objectId,
      dataSourceId: records[0].dataSourceId,
      score: expect.closeTo(1 / Math.hypot(1, 0.5), 5),
    });
    expect(hits[1].score).toBeCloseTo(0.5 / Math.hypot(1, 0.5), 5);
    const opposite = await index.search(
      tenant,
      basis(0).map((value) => -value),
      3,
      undefined,
      { exact: true },
    );
    expect(opposite.at(-1)).toMatchObject({ chunkId: records[0].chunkId, score: expect.closeTo(-1, 5) });
    expect(index.storeId(tenant)).toBe(tableOf(tenant));
  });

  it('is idempotent by chunk id: the same chunk twice is one vector, holding the latest values', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const first = record(basis(0), { tags: ['draft'] });
    await index.upsert(tenant, [first, record(basis(1))]);
    await index.upsert(tenant, [{ ...first, vector: basis(2), tags: ['final'] }]);
    await index.upsert(tenant, [{ ...first, chunkId: first.chunkId.toUpperCase(), vector: basis(2), tags: ['final'] }]);

    expect(await index.rowCount(tenant)).toBe(2);
    expect(await index.countByChunkIds(tenant, [first.chunkId])).toBe(1);
    expect((await index.search(tenant, basis(2), 1))[0]).toMatchObject({
      chunkId: first.chunkId,
      score: expect.closeTo(1, 5),
    });
    expect(await index.search(tenant, basis(2), 1, { tags: ['draft'] })).toEqual([]);

    await index.upsert(tenant, [first, { ...first, chunkId: first.chunkId.toUpperCase(), vector: basis(3) }]); // the last wins
    expect(await index.rowCount(tenant)).toBe(2);
    expect((await index.search(tenant, basis(3), 1))[0].chunkId).toBe(first.chunkId);
  });

  it('answers empty for a tenant without vectors, without creating its table', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    expect(await index.search(tenant, basis(0), 5)).toEqual([]);
    expect(await index.rowCount(tenant)).toBe(0);
    expect(await index.countByChunkIds(tenant, [randomUUID()])).toBe(0);
    expect(await index.countByObjectId(tenant, randomUUID())).toBe(0);
    await index.deleteByChunkIds(tenant, [randomUUID()]);
    await index.purgeOldVersions(tenant);
    expect(await index.ensureAnnIndex(tenant)).toBe(false);
    await index.dropTenant(tenant);
    expect(await (await inspect()).tableNames()).toEqual([]);
  });

  it("keeps tenants apart: a search opens only the tenant's own table and returns only its chunks", async () => {
    const writer = newIndex();
    const [a, b] = [randomUUID(), randomUUID()];
    const ofA = record(basis(0));
    await writer.upsert(a, [ofA]);
    await writer.upsert(b, [record(basis(0)), record(basis(1))]);

    const reader = newIndex();
    const openTable = jest.spyOn(Object.getPrototypeOf(await inspect()) as Connection, 'openTable');
    const hits = await reader.search(a, basis(0), 10);
    expect(hits.map((hit) => hit.chunkId)).toEqual([ofA.chunkId]);
    expect(await reader.rowCount(a)).toBe(1);
    expect(openTable.mock.calls.map(([name]) => name)).toEqual([tableOf(a)]);
    expect(await (await inspect()).tableNames()).toEqual([tableOf(a), tableOf(b)].sort());
  });

  it('filters by object, data source and any of the tags; an empty list matches nothing', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const [source1, source2, object1] = [randomUUID(), randomUUID(), randomUUID()];
    const records = [
      record(randomUnitVector(1), { dataSourceId: source1, objectId: object1, tags: ['hr', 'policy'] }),
      record(randomUnitVector(2), { dataSourceId: source1, objectId: object1, tags: ['legal'] }),
      record(randomUnitVector(3), { dataSourceId: source2, tags: ['hr'] }),
      record(randomUnitVector(4), { dataSourceId: source2, tags: [] }),
    ];
    await index.upsert(tenant, records);
    const ids = async (filter: Parameters<VectorIndex['search']>[3], exact = false) =>
      (await index.search(tenant, randomUnitVector(9), 10, filter, { exact })).map((hit) => hit.chunkId).sort();
    const chunks = (...positions: number[]) => positions.map((i) => records[i].chunkId).sort();

    expect(await ids({})).toEqual(chunks(0, 1, 2, 3));
    expect(await ids({ objectIds: [object1.toUpperCase()] })).toEqual(chunks(0, 1));
    expect(await ids({ dataSourceIds: [source2] })).toEqual(chunks(2, 3));
    expect(await ids({ tags: ['hr'] })).toEqual(chunks(0, 2));
    expect(await ids({ tags: ['legal', 'policy'] })).toEqual(chunks(0, 1));
    expect(await ids({ tags: ['hr'], dataSourceIds: [source1] }, true)).toEqual(chunks(0));
    expect(await ids({ tags: ['unknown'] })).toEqual([]);
    expect(await ids({ objectIds: [] })).toEqual([]);
    expect(await ids({ tags: [] })).toEqual([]);
    await expect(index.search(tenant, basis(0), 5, { tags: ["hr'] OR true OR ['"] })).rejects.toThrow(VectorInputError);
    await expect(index.search(tenant, basis(0), 5, { objectIds: ['1 OR 1=1'] })).rejects.toThrow(VectorInputError);
  });

  it('counts and deletes by chunk id, and by object', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const object = randomUUID();
    const records = [0, 1, 2, 3].map((i) => record(basis(i), { objectId: i < 3 ? object : randomUUID() }));
    await index.upsert(tenant, records);
    const ids = records.map((r) => r.chunkId);

    expect(await index.countByChunkIds(tenant, [ids[0], ids[1], ids[1], randomUUID()])).toBe(2);
    expect(await index.countByObjectId(tenant, object)).toBe(3);
    expect((await index.chunkIdsOfObject(tenant, object)).sort()).toEqual(ids.slice(0, 3).sort());
    expect(await index.chunkIdsOfObject(randomUUID(), object)).toEqual([]);
    await index.deleteByChunkIds(tenant, [ids[0], ids[1].toUpperCase(), randomUUID()]);
    expect(await index.countByChunkIds(tenant, ids)).toBe(2);
    expect(await index.countByObjectId(tenant, object)).toBe(1);
    expect((await index.search(tenant, basis(0), 4)).map((hit) => hit.chunkId).sort()).toEqual([ids[2], ids[3]].sort());
    await index.deleteByChunkIds(tenant, []);
    expect(await index.rowCount(tenant)).toBe(2);
  });

  it('deletes many ids in bounded statements', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const records = Array.from({ length: 2500 }, (_, i) => record(randomUnitVector(i)));
    await index.upsert(tenant, records);
    await index.deleteByChunkIds(
      tenant,
      records.slice(0, 2400).map((r) => r.chunkId),
    );
    expect(await index.rowCount(tenant)).toBe(100);
    expect(
      await index.countByChunkIds(
        tenant,
        records.map((r) => r.chunkId),
      ),
    ).toBe(100);
  });

  it('throws VectorDeleteIncompleteError when vectors remain after a delete', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const kept = record(basis(0));
    await index.upsert(tenant, [kept]);
    const table = await (await inspect()).openTable(tableOf(tenant));
    jest
      .spyOn(Object.getPrototypeOf(table) as typeof table, 'delete')
      .mockResolvedValue({ numDeletedRows: 0, version: 0 });

    const error = await index.deleteByChunkIds(tenant, [kept.chunkId]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VectorDeleteIncompleteError);
    expect(error).toMatchObject({ tenantId: tenant, remaining: 1 });
  });

  it('purges deleted vectors from storage: old versions pruned, data rewritten, live rows kept', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const secret = 'gdpr-subject-7f3a9c';
    const records = Array.from({ length: 200 }, (_, i) =>
      record(randomUnitVector(i), { tags: i === 7 ? [secret] : ['x'] }),
    );
    await index.upsert(tenant, records.slice(0, 100));
    await index.upsert(tenant, records.slice(100));
    const tableDir = join(dir, `${tableOf(tenant)}.lance`);
    expect(filesContaining(tableDir, secret).length).toBeGreaterThan(0);

    await index.deleteByChunkIds(tenant, [records[7].chunkId]);
    const table = await (await inspect()).openTable(tableOf(tenant));
    expect((await table.listVersions()).length).toBeGreaterThan(2);
    expect(filesContaining(tableDir, secret).length).toBeGreaterThan(0); // a delete only hides the row

    await index.purgeOldVersions(tenant);
    await table.checkoutLatest();
    expect(await table.listVersions()).toHaveLength(1);
    expect(filesContaining(tableDir, secret)).toEqual([]);
    expect(await index.rowCount(tenant)).toBe(199);
    expect((await index.search(tenant, records[8].vector, 1))[0].chunkId).toBe(records[8].chunkId);
    await index.purgeOldVersions(tenant); // nothing left to purge: a no-op
    expect(await index.rowCount(tenant)).toBe(199);
  });

  it('builds an HNSW-SQ index at annMinRows that still finds the nearest neighbours, with exact scores', async () => {
    const index = newIndex({ annMinRows: 300 });
    const tenant = randomUUID();
    const records = Array.from({ length: 300 }, (_, i) =>
      record(i === 0 ? new Float32Array(DIMS) : randomUnitVector(i)),
    );
    await index.upsert(tenant, records.slice(0, 299));
    expect(await index.ensureAnnIndex(tenant)).toBe(false);
    await index.upsert(tenant, records.slice(299));
    expect(await index.ensureAnnIndex(tenant)).toBe(true);
    expect(await index.ensureAnnIndex(tenant)).toBe(true);
    const [built] = await (await (await inspect()).openTable(tableOf(tenant))).listIndices();
    expect(built).toMatchObject({ columns: ['vector'], indexType: 'IvfHnswSq', numIndexedRows: 300 });

    const queries = Array.from({ length: 20 }, (_, i) => randomUnitVector(1000 + i));
    const exact: string[][] = [];
    const approx: string[][] = [];
    for (const query of queries) {
      const exactHits = await index.search(tenant, query, 10, undefined, { exact: true });
      const annHits = await index.search(tenant, query, 10);
      expect(annHits[0]).toEqual(exactHits[0]);
      exact.push(exactHits.map((hit) => hit.chunkId));
      approx.push(annHits.map((hit) => hit.chunkId));
    }
    expect(recallAtK(exact, approx)).toBeGreaterThanOrEqual(0.9);
    const self = await index.search(tenant, records[42].vector, 1);
    expect(self[0]).toMatchObject({ chunkId: records[42].chunkId, score: expect.closeTo(1, 4) });

    // vectors added later are searched exhaustively, and folded into the index once numerous
    const later = Array.from({ length: 1000 }, (_, i) => record(randomUnitVector(5000 + i)));
    await index.upsert(tenant, later);
    expect((await index.search(tenant, later[500].vector, 1))[0].chunkId).toBe(later[500].chunkId);
    expect(await index.ensureAnnIndex(tenant)).toBe(true);
    const [folded] = await (await (await inspect()).openTable(tableOf(tenant))).listIndices();
    expect(folded.numUnindexedRows).toBe(0);

    // a fresh process opens (and warms) the index; a purge rebuilds it after rewriting the table
    const reopened = newIndex({ annMinRows: 300 });
    expect((await reopened.search(tenant, records[42].vector, 1))[0].chunkId).toBe(records[42].chunkId);
    await reopened.deleteByChunkIds(tenant, [records[42].chunkId]);
    await reopened.purgeOldVersions(tenant);
    const [rebuilt] = await (await (await inspect()).openTable(tableOf(tenant))).listIndices();
    expect(rebuilt).toMatchObject({ indexType: 'IvfHnswSq', numUnindexedRows: 0 });
    expect((await reopened.search(tenant, records[43].vector, 1))[0].chunkId).toBe(records[43].chunkId);
  });

  it('never returns zero vectors and answers a zero query with nothing, never NaN', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const empty = record(new Float32Array(DIMS));
    await index.upsert(tenant, [empty, record(basis(0))]);
    const hits = await index.search(tenant, basis(0), 5);
    expect(hits.map((hit) => hit.chunkId)).not.toContain(empty.chunkId);
    expect(hits.every((hit) => Number.isFinite(hit.score))).toBe(true);
    expect(await index.search(tenant, new Float32Array(DIMS), 5)).toEqual([]);
  });

  it('loses and duplicates nothing under concurrent upserts, in one process and from two', async () => {
    const [one, two] = [newIndex(), newIndex()];
    const tenant = randomUUID();
    const batches = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: 10 }, (_, i) => record(randomUnitVector(b * 10 + i))),
    );
    await Promise.all(batches.map((batch, b) => (b % 2 ? one : two).upsert(tenant, batch)));
    await Promise.all(batches.map((batch, b) => (b % 2 ? two : one).upsert(tenant, batch)));
    expect(await one.rowCount(tenant)).toBe(120);
  });

  it("sees another process's writes within the read consistency interval", async () => {
    const writer = newIndex();
    const reader = newIndex({ readConsistencySeconds: 0 });
    const tenant = randomUUID();
    await writer.upsert(tenant, [record(basis(0))]);
    expect(await reader.rowCount(tenant)).toBe(1);
    const later = record(basis(1));
    await writer.upsert(tenant, [later]);
    expect(await reader.rowCount(tenant)).toBe(2);
    expect((await reader.search(tenant, basis(1), 1))[0].chunkId).toBe(later.chunkId);
  });

  it('drops a tenant with every version of its table', async () => {
    const index = newIndex();
    const [tenant, other] = [randomUUID(), randomUUID()];
    await index.upsert(tenant, [record(basis(0))]);
    await index.upsert(tenant, [record(basis(1))]);
    await index.upsert(other, [record(basis(0))]);
    await index.dropTenant(tenant);
    expect(existsSync(join(dir, `${tableOf(tenant)}.lance`))).toBe(false);
    expect(await index.search(tenant, basis(0), 5)).toEqual([]);
    expect(await index.rowCount(other)).toBe(1);
    await index.dropTenant(tenant);
    await index.upsert(tenant, [record(basis(2))]);
    expect(await index.rowCount(tenant)).toBe(1);
  });

  it('refuses bad input before touching storage', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    await expect(index.search('not-a-uuid', basis(0), 5)).rejects.toThrow('tenantId must be a UUID');
    await expect(index.search(tenant, new Float32Array(DIMS + 1), 5)).rejects.toThrow(VectorInputError);
    await expect(index.search(tenant, basis(0), 0)).rejects.toThrow('k must be an integer');
    await expect(index.upsert(tenant, [record(basis(0), { chunkId: 'chunk-1' })])).rejects.toThrow(
      'chunkId must be a UUID',
    );
    await expect(index.upsert(tenant, [record(basis(0), { tags: ["x'"] })])).rejects.toThrow(VectorInputError);
    await expect(index.upsert(tenant, [record(new Float32Array(DIMS).fill(Infinity))])).rejects.toThrow(
      VectorInputError,
    );
    expect(await (await inspect()).tableNames()).toEqual([]);
  });

  it('refuses a table written with another vector width', async () => {
    const tenant = randomUUID();
    await newIndex().upsert(tenant, [record(basis(0))]);
    await expect(newIndex({ dimensions: 8 }).rowCount(tenant)).rejects.toThrow(/holds 16-dimension vectors, not 8/);
  });

  it('finishes queued writes on close, then refuses calls', async () => {
    const index = newIndex();
    const tenant = randomUUID();
    const write = index.upsert(tenant, [record(basis(0))]);
    await index.close();
    await write;
    await expect(index.rowCount(tenant)).rejects.toThrow('the vector index is closed');
    expect(await newIndex().rowCount(tenant)).toBe(1);
  });
});
