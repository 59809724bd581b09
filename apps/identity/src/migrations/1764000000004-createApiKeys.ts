import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * api_keys: only an HMAC of each secret is stored. Tenant keys (read/write/admin) have a
 * tenant and no admin; system keys have an admin and no tenant.
 */
export class CreateApiKeys1764000000004 implements MigrationInterface {
  name = 'CreateApiKeys1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id               UUID PRIMARY KEY,
        tenant_id        UUID REFERENCES tenants (id) ON DELETE CASCADE,
        system_admin_id  UUID REFERENCES system_admins (id) ON DELETE CASCADE,
        name             TEXT CHECK (length(name) BETWEEN 1 AND 200),
        hashed_key       TEXT NOT NULL CHECK (hashed_key ~ '^[0-9a-f]{64}$'),
        scope            TEXT NOT NULL CHECK (scope IN ('read','write','admin','system')),
        expires_at       TIMESTAMP,
        created_at       TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        revoked_at       TIMESTAMP,
        CONSTRAINT api_keys_owner_check CHECK (
          CASE WHEN scope = 'system' THEN tenant_id IS NULL AND system_admin_id IS NOT NULL
               ELSE tenant_id IS NOT NULL AND system_admin_id IS NULL END)
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id)`);
    await queryRunner.query(`CREATE INDEX api_keys_tenant_created_idx ON api_keys (tenant_id, created_at, id)`);
    await queryRunner.query(
      `CREATE INDEX api_keys_system_admin_idx ON api_keys (system_admin_id) WHERE system_admin_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
