import { MigrationInterface, QueryRunner } from 'typeorm';

/** data_retention_jobs.results (beyond the spec): what each retaining app deleted, as it replies. */
export class AddRetentionResults1764000000602 implements MigrationInterface {
  name = 'AddRetentionResults1764000000602';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE data_retention_jobs ADD COLUMN results JSONB NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE data_retention_jobs DROP COLUMN results`);
  }
}
