import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * llm_providers (global, managed by system admins) plus what a client needs to call one:
 * `base_url` and `credentials_ref` (the name of the environment variable holding the key, never
 * the key); tenant_llm_config (a tenant's providers in priority order); agent_runs; and
 * agent_failures plus tenant_id (not in the spec: isolation and sharding).
 */
export class CreateAgentTables1764000000401 implements MigrationInterface {
  name = 'CreateAgentTables1764000000401';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE llm_providers (
        id               UUID PRIMARY KEY,
        name             TEXT NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        type             TEXT NOT NULL CHECK (type IN ('openai-compatible','anthropic','local-extractive')),
        base_url         TEXT,
        credentials_ref  TEXT CHECK (credentials_ref ~ '^[A-Z][A-Z0-9_]{0,127}$'),
        created_at       TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
      )`);
    await queryRunner.query(`
      CREATE TABLE tenant_llm_config (
        id           UUID PRIMARY KEY,
        tenant_id    UUID NOT NULL,
        provider_id  UUID NOT NULL REFERENCES llm_providers (id),
        model_name   TEXT NOT NULL CHECK (length(model_name) BETWEEN 1 AND 200),
        priority     INT NOT NULL CHECK (priority >= 0),
        max_tokens   INT NOT NULL CHECK (max_tokens BETWEEN 1 AND 200000),
        temperature  FLOAT NOT NULL CHECK (temperature BETWEEN 0 AND 2),
        enabled      BOOLEAN NOT NULL DEFAULT true,
        CONSTRAINT tenant_llm_config_priority_key UNIQUE (tenant_id, priority)
      )`);
    await queryRunner.query(`CREATE INDEX tenant_llm_config_tenant_id_idx ON tenant_llm_config (tenant_id)`);
    await queryRunner.query(`
      CREATE TABLE agent_runs (
        id            UUID PRIMARY KEY,
        tenant_id     UUID NOT NULL,
        session_id    UUID,
        agent_type    TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
        started_at    TIMESTAMP,
        completed_at  TIMESTAMP,
        metadata      JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
        created_at    TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
      )`);
    await queryRunner.query(`CREATE INDEX agent_runs_tenant_id_idx ON agent_runs (tenant_id)`);
    await queryRunner.query(`CREATE INDEX agent_runs_tenant_created_idx ON agent_runs (tenant_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX agent_runs_session_idx ON agent_runs (session_id)`);
    await queryRunner.query(`
      CREATE TABLE agent_failures (
        id             UUID PRIMARY KEY,
        tenant_id      UUID NOT NULL,
        agent_run_id   UUID NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
        error_type     TEXT NOT NULL,
        error_message  TEXT NOT NULL,
        retryable      BOOLEAN NOT NULL,
        created_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
      )`);
    await queryRunner.query(`CREATE INDEX agent_failures_tenant_id_idx ON agent_failures (tenant_id)`);
    await queryRunner.query(`CREATE INDEX agent_failures_tenant_created_idx ON agent_failures (tenant_id, created_at)`);
    await queryRunner.query(`CREATE INDEX agent_failures_run_idx ON agent_failures (agent_run_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agent_failures`);
    await queryRunner.query(`DROP TABLE agent_runs`);
    await queryRunner.query(`DROP TABLE tenant_llm_config`);
    await queryRunner.query(`DROP TABLE llm_providers`);
  }
}
