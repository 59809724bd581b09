import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * data_sources, plus `deleted_at` (not in the spec): removing a data source is a soft delete;
 * its chunking settings live in `metadata`.
 */
export class CreateDataSources1764000000201 implements MigrationInterface {
  name = 'CreateDataSources1764000000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_sources (
        id          UUID PRIMARY KEY,
        tenant_id   UUID NOT NULL,
        name        TEXT NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 200),
        type        TEXT NOT NULL CHECK (type IN ('text','image','audio','video')),
        created_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        metadata    JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
        deleted_at  TIMESTAMP
      )`);
    await queryRunner.query(`CREATE INDEX data_sources_tenant_id_idx ON data_sources (tenant_id)`);
    await queryRunner.query(`CREATE INDEX data_sources_tenant_created_idx ON data_sources (tenant_id, created_at, id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX data_sources_live_name_key ON data_sources (tenant_id, lower(name)) WHERE deleted_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE data_sources`);
  }
}
