import { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureAuditPartitions } from '../partitions/audit-partitions';

/**
 * audit_logs: range-partitioned by month on created_at (the partition key is in the primary
 * key), write-only by trigger, so UPDATE, DELETE and TRUNCATE fail for every role and path.
 */
export class CreateAuditLogs1764000000101 implements MigrationInterface {
  name = 'CreateAuditLogs1764000000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_logs (
        id             UUID NOT NULL,
        tenant_id      UUID,
        actor_id       UUID,
        action         TEXT NOT NULL,
        resource_type  TEXT,
        resource_id    UUID,
        ip_address     TEXT,
        user_agent     TEXT,
        created_at     TIMESTAMP NOT NULL,
        PRIMARY KEY (id, created_at)
      ) PARTITION BY RANGE (created_at)`);
    await queryRunner.query(`CREATE INDEX audit_logs_tenant_id_idx ON audit_logs (tenant_id)`);
    await queryRunner.query(`CREATE INDEX audit_logs_tenant_created_idx ON audit_logs (tenant_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX audit_logs_created_idx ON audit_logs (created_at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is write-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_logs_write_only BEFORE UPDATE OR DELETE ON audit_logs
        FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
        FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change()`);
    await ensureAuditPartitions(queryRunner, 3);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_logs`);
    await queryRunner.query(`DROP FUNCTION audit_logs_refuse_change()`);
  }
}
