import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the run scheduler needs beyond the spec's agent_runs: `attempts` (also the fencing token
 * of the worker holding the run), `heartbeat_at` (a silent worker's run is taken over) and
 * `next_attempt_at` (backoff before a retry). At most one summarize-session run per session is
 * pending at a time.
 */
export class ScheduleAgentRuns1764000000402 implements MigrationInterface {
  name = 'ScheduleAgentRuns1764000000402';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE agent_runs
        ADD COLUMN attempts         INT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        ADD COLUMN heartbeat_at     TIMESTAMP,
        ADD COLUMN next_attempt_at  TIMESTAMP,
        ADD CONSTRAINT agent_runs_agent_type_check CHECK (agent_type IN ('rag-answer','summarize-session'))`);
    await queryRunner.query(
      `CREATE INDEX agent_runs_pending_idx ON agent_runs (next_attempt_at, created_at) WHERE status = 'queued'`,
    );
    await queryRunner.query(
      `CREATE INDEX agent_runs_running_idx ON agent_runs (tenant_id, heartbeat_at) WHERE status = 'running'`,
    );
    await queryRunner.query(`
      CREATE UNIQUE INDEX agent_runs_one_pending_summary_idx ON agent_runs (session_id)
        WHERE agent_type = 'summarize-session' AND status IN ('queued','running')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX agent_runs_one_pending_summary_idx`);
    await queryRunner.query(`DROP INDEX agent_runs_running_idx`);
    await queryRunner.query(`DROP INDEX agent_runs_pending_idx`);
    await queryRunner.query(`
      ALTER TABLE agent_runs DROP CONSTRAINT agent_runs_agent_type_check,
        DROP COLUMN next_attempt_at, DROP COLUMN heartbeat_at, DROP COLUMN attempts`);
  }
}
