import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenants1764000000001 implements MigrationInterface {
  name = 'CreateTenants1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenants (
        id              UUID PRIMARY KEY,
        name            TEXT NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','deleted')),
        created_at      TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        updated_at      TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        retention_days  INT NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 36500),
        metadata        JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object')
      )`);
    await queryRunner.query(`CREATE INDEX tenants_created_at_idx ON tenants (created_at, id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX tenants_live_name_key ON tenants (lower(name)) WHERE status <> 'deleted'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tenants`);
  }
}
