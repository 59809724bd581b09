import { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureUsagePartitions } from '../usage/usage-partitions';

/**
 * usage_metrics: one row per tenant per UTC day, range-partitioned by month on `date` (the
 * partition key is in the primary key and in the (tenant_id, date) unique key the metering
 * upsert targets). `ingestions` is not in the spec: it is what max_ingestions_day is checked
 * against. storage_used is the bytes held at the end of the day (a level, not a daily sum).
 */
export class CreateUsageMetrics1764000000006 implements MigrationInterface {
  name = 'CreateUsageMetrics1764000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE usage_metrics (
        id            UUID NOT NULL,
        tenant_id     UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        date          DATE NOT NULL,
        tokens_used   BIGINT NOT NULL DEFAULT 0 CHECK (tokens_used BETWEEN 0 AND 9007199254740991),
        requests      INT NOT NULL DEFAULT 0 CHECK (requests >= 0),
        ingestions    INT NOT NULL DEFAULT 0 CHECK (ingestions >= 0),
        storage_used  BIGINT NOT NULL DEFAULT 0 CHECK (abs(storage_used) <= 9007199254740991),
        PRIMARY KEY (id, date),
        CONSTRAINT usage_metrics_tenant_date_key UNIQUE (tenant_id, date)
      ) PARTITION BY RANGE (date)`);
    await queryRunner.query(`CREATE INDEX usage_metrics_tenant_id_idx ON usage_metrics (tenant_id)`);
    await ensureUsagePartitions(queryRunner, 3);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE usage_metrics`);
  }
}
