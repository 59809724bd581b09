import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * embeddings_registry (one row per tenant and model: vectors of two models never share an
 * index), document_chunks (the text is in the blob store; cloudfront_url points to it) and
 * search_metadata (keywords and tags per chunk, GIN-indexed for the keyword half of retrieval).
 */
export class CreateChunksAndSearch1764000000203 implements MigrationInterface {
  name = 'CreateChunksAndSearch1764000000203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE embeddings_registry (
        id               UUID PRIMARY KEY,
        tenant_id        UUID NOT NULL,
        vector_store_id  TEXT NOT NULL,
        model_name       TEXT NOT NULL,
        created_at       TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        CONSTRAINT embeddings_registry_tenant_model_key UNIQUE (tenant_id, model_name)
      )`);
    await queryRunner.query(`CREATE INDEX embeddings_registry_tenant_id_idx ON embeddings_registry (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX embeddings_registry_tenant_created_idx ON embeddings_registry (tenant_id, created_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE document_chunks (
        id              UUID PRIMARY KEY,
        tenant_id       UUID NOT NULL,
        object_id       UUID NOT NULL REFERENCES ingested_objects (id) ON DELETE CASCADE,
        chunk_index     INT NOT NULL CHECK (chunk_index >= 0),
        cloudfront_url  TEXT NOT NULL,
        embedding_id    UUID REFERENCES embeddings_registry (id),
        metadata        JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
        CONSTRAINT document_chunks_object_index_key UNIQUE (object_id, chunk_index)
      )`);
    await queryRunner.query(`CREATE INDEX document_chunks_tenant_id_idx ON document_chunks (tenant_id)`);
    await queryRunner.query(`CREATE INDEX document_chunks_embedding_id_idx ON document_chunks (embedding_id)`);

    await queryRunner.query(`
      CREATE TABLE search_metadata (
        id          UUID PRIMARY KEY,
        tenant_id   UUID NOT NULL,
        chunk_id    UUID NOT NULL UNIQUE REFERENCES document_chunks (id) ON DELETE CASCADE,
        keywords    TEXT[] NOT NULL DEFAULT '{}',
        tags        TEXT[] NOT NULL DEFAULT '{}',
        created_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
      )`);
    await queryRunner.query(`CREATE INDEX search_metadata_tenant_id_idx ON search_metadata (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX search_metadata_tenant_created_idx ON search_metadata (tenant_id, created_at)`,
    );
    // GIN over (tenant_id, keywords) (btree_gin): a tenant's keyword lookups stay inside its own
    // postings, and the planner prefers it to a scan where a GIN on keywords alone lost.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(
      `CREATE INDEX search_metadata_keywords_idx ON search_metadata USING GIN (tenant_id, keywords)`,
    );
    await queryRunner.query(`CREATE INDEX search_metadata_tags_idx ON search_metadata USING GIN (tenant_id, tags)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_metadata`);
    await queryRunner.query(`DROP TABLE document_chunks`);
    await queryRunner.query(`DROP TABLE embeddings_registry`);
  }
}
