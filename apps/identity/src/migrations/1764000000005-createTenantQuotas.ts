import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * tenant_quotas: one row per tenant, created with the tenant. Limits stay within JavaScript's
 * safe integers so the app reads BIGINTs exactly. Tenants that exist already get the defaults.
 */
export class CreateTenantQuotas1764000000005 implements MigrationInterface {
  name = 'CreateTenantQuotas1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant_quotas (
        tenant_id           UUID PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        max_tokens_per_day  BIGINT NOT NULL DEFAULT 1000000 CHECK (max_tokens_per_day BETWEEN 0 AND 9007199254740991),
        max_ingestions_day  INT NOT NULL DEFAULT 1000 CHECK (max_ingestions_day >= 0),
        max_storage_bytes   BIGINT NOT NULL DEFAULT 10737418240 CHECK (max_storage_bytes BETWEEN 0 AND 9007199254740991)
      )`);
    await queryRunner.query(`INSERT INTO tenant_quotas (tenant_id) SELECT id FROM tenants`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tenant_quotas`);
  }
}
