import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ingested_objects, plus what the pipeline needs beyond the spec: `metadata` (origin, filename,
 * tags, step, failure reason, chunk count), `attempts`, `heartbeat_at` (the reaper's clock) and
 * `updated_at`. The same content is held once per data source (checksum unique among live rows).
 */
export class CreateIngestedObjects1764000000202 implements MigrationInterface {
  name = 'CreateIngestedObjects1764000000202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingested_objects (
        id                UUID PRIMARY KEY,
        tenant_id         UUID NOT NULL,
        data_source_id    UUID NOT NULL REFERENCES data_sources (id),
        cloudfront_url    TEXT NOT NULL,
        content_type      TEXT NOT NULL,
        size_bytes        BIGINT NOT NULL CHECK (size_bytes BETWEEN 0 AND 9007199254740991),
        checksum          TEXT NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        ingestion_status  TEXT NOT NULL DEFAULT 'pending'
          CHECK (ingestion_status IN ('pending','processing','indexed','failed','deleting','deleted')),
        created_at        TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        metadata          JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
        attempts          INT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        heartbeat_at      TIMESTAMP,
        updated_at        TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
      )`);
    await queryRunner.query(`CREATE INDEX ingested_objects_tenant_id_idx ON ingested_objects (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX ingested_objects_tenant_created_idx ON ingested_objects (tenant_id, created_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX ingested_objects_data_source_idx ON ingested_objects (data_source_id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX ingested_objects_live_checksum_key ON ingested_objects (data_source_id, checksum)
       WHERE ingestion_status NOT IN ('deleting','deleted')`,
    );
    await queryRunner.query(
      `CREATE INDEX ingested_objects_processing_idx ON ingested_objects (heartbeat_at)
       WHERE ingestion_status = 'processing'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ingested_objects`);
  }
}
