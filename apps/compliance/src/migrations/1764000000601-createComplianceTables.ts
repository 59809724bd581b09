import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * deletion_requests and data_retention_jobs per the spec, plus each request's progress per app
 * (deletion_request_apps). Beyond the spec's columns: deletion_requests.attempts and deadline_at
 * (a request not answered by every app in time is marked stalled and sent again).
 */
export class CreateComplianceTables1764000000601 implements MigrationInterface {
  name = 'CreateComplianceTables1764000000601';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deletion_requests (
        id            UUID PRIMARY KEY,
        tenant_id     UUID NOT NULL,
        user_id       UUID,
        scope         TEXT NOT NULL CHECK (scope IN ('user','tenant')),
        status        TEXT NOT NULL CHECK (status IN ('pending','stalled','completed')),
        requested_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        completed_at  TIMESTAMP,
        attempts      INT NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        deadline_at   TIMESTAMP NOT NULL,
        session_ids   UUID[] NOT NULL DEFAULT '{}',
        CHECK ((scope = 'user') = (user_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX deletion_requests_tenant_id_idx ON deletion_requests (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX deletion_requests_tenant_created_idx ON deletion_requests (tenant_id, requested_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX deletion_requests_open_idx ON deletion_requests (deadline_at) WHERE status <> 'completed'`,
    );
    await queryRunner.query(`
      CREATE TABLE deletion_request_apps (
        deletion_request_id  UUID NOT NULL REFERENCES deletion_requests (id) ON DELETE CASCADE,
        tenant_id            UUID NOT NULL,
        app                  TEXT NOT NULL,
        status               TEXT NOT NULL CHECK (status IN ('pending','completed')),
        counts               JSONB NOT NULL DEFAULT '{}',
        completed_at         TIMESTAMP,
        PRIMARY KEY (deletion_request_id, app)
      )`);
    await queryRunner.query(`CREATE INDEX deletion_request_apps_tenant_id_idx ON deletion_request_apps (tenant_id)`);
    await queryRunner.query(`
      CREATE TABLE data_retention_jobs (
        id            UUID PRIMARY KEY,
        tenant_id     UUID NOT NULL,
        scheduled_at  TIMESTAMP NOT NULL,
        executed_at   TIMESTAMP,
        status        TEXT NOT NULL CHECK (status IN ('scheduled','running','completed','failed'))
      )`);
    await queryRunner.query(`CREATE INDEX data_retention_jobs_tenant_id_idx ON data_retention_jobs (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX data_retention_jobs_tenant_created_idx ON data_retention_jobs (tenant_id, scheduled_at)`,
    );
    // One job per tenant per day, whatever the number of compliance replicas scheduling it.
    await queryRunner.query(
      `CREATE UNIQUE INDEX data_retention_jobs_daily_idx ON data_retention_jobs (tenant_id, (scheduled_at::date))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE data_retention_jobs`);
    await queryRunner.query(`DROP TABLE deletion_request_apps`);
    await queryRunner.query(`DROP TABLE deletion_requests`);
  }
}
