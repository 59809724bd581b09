import { MigrationInterface, QueryRunner } from 'typeorm';

/** users: an email is unique per tenant, case-insensitively, among users not deleted. */
export class CreateUsers1764000000003 implements MigrationInterface {
  name = 'CreateUsers1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id             UUID PRIMARY KEY,
        tenant_id      UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        email          TEXT NOT NULL CHECK (email = btrim(email) AND length(email) BETWEEN 3 AND 320),
        role           TEXT NOT NULL CHECK (role IN ('admin','user','viewer')),
        status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled','deleted')),
        created_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        last_login_at  TIMESTAMP
      )`);
    await queryRunner.query(`CREATE INDEX users_tenant_id_idx ON users (tenant_id)`);
    await queryRunner.query(`CREATE INDEX users_tenant_created_idx ON users (tenant_id, created_at, id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX users_live_email_key ON users (tenant_id, lower(email)) WHERE status <> 'deleted'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE users`);
  }
}
