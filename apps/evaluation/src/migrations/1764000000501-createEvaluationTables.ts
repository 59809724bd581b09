import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rag_evaluations, rag_metrics (plus tenant_id: isolation and sharding) and rag_reports per the
 * spec, and what evaluation sets need: evaluation_sets and their questions, evaluation_set_items.
 * Beyond the spec's columns: rag_evaluations.agent_run_id (one evaluation per run) and
 * evaluation_set_id; rag_metrics' judge, context precision/recall and claim verdicts;
 * rag_reports.session_id (reports per session) and json_url (the JSON twin).
 */
export class CreateEvaluationTables1764000000501 implements MigrationInterface {
  name = 'CreateEvaluationTables1764000000501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evaluation_sets (
        id             UUID PRIMARY KEY,
        tenant_id      UUID NOT NULL,
        name           TEXT CHECK (length(name) <= 200),
        judge          TEXT NOT NULL CHECK (judge IN ('local','llm')),
        status         TEXT NOT NULL CHECK (status IN ('running','completed')),
        total          INT NOT NULL CHECK (total > 0),
        heartbeat_at   TIMESTAMP,
        created_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        completed_at   TIMESTAMP
      )`);
    await queryRunner.query(`CREATE INDEX evaluation_sets_tenant_id_idx ON evaluation_sets (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX evaluation_sets_tenant_created_idx ON evaluation_sets (tenant_id, created_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX evaluation_sets_running_idx ON evaluation_sets (heartbeat_at) WHERE status = 'running'`,
    );

    await queryRunner.query(`
      CREATE TABLE rag_evaluations (
        id                 UUID PRIMARY KEY,
        tenant_id          UUID NOT NULL,
        session_id         UUID,
        query              TEXT NOT NULL,
        answer             TEXT NOT NULL,
        created_at         TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        agent_run_id       UUID UNIQUE,
        evaluation_set_id  UUID REFERENCES evaluation_sets (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX rag_evaluations_tenant_id_idx ON rag_evaluations (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX rag_evaluations_tenant_created_idx ON rag_evaluations (tenant_id, created_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX rag_evaluations_session_idx ON rag_evaluations (session_id)`);
    await queryRunner.query(`CREATE INDEX rag_evaluations_set_idx ON rag_evaluations (evaluation_set_id)`);

    await queryRunner.query(`
      CREATE TABLE evaluation_set_items (
        id                 UUID PRIMARY KEY,
        tenant_id          UUID NOT NULL,
        evaluation_set_id  UUID NOT NULL REFERENCES evaluation_sets (id) ON DELETE CASCADE,
        position           INT NOT NULL CHECK (position >= 0),
        question           TEXT NOT NULL,
        expected_answer    TEXT,
        expected_sources   UUID[] NOT NULL DEFAULT '{}',
        status             TEXT NOT NULL CHECK (status IN ('pending','asked','scored','failed')),
        session_id         UUID,
        user_message_id    UUID,
        evaluation_id      UUID REFERENCES rag_evaluations (id) ON DELETE SET NULL,
        error              TEXT,
        UNIQUE (evaluation_set_id, position)
      )`);
    await queryRunner.query(`CREATE INDEX evaluation_set_items_tenant_id_idx ON evaluation_set_items (tenant_id)`);
    await queryRunner.query(`CREATE INDEX evaluation_set_items_session_idx ON evaluation_set_items (session_id)`);

    await queryRunner.query(`
      CREATE TABLE rag_metrics (
        id                   UUID PRIMARY KEY,
        tenant_id            UUID NOT NULL,
        evaluation_id        UUID NOT NULL REFERENCES rag_evaluations (id) ON DELETE CASCADE,
        faithfulness_score   FLOAT CHECK (faithfulness_score BETWEEN 0 AND 1),
        relevance_score      FLOAT CHECK (relevance_score BETWEEN 0 AND 1),
        coverage_score       FLOAT CHECK (coverage_score BETWEEN 0 AND 1),
        hallucination_score  FLOAT CHECK (hallucination_score BETWEEN 0 AND 1),
        latency_ms           INT CHECK (latency_ms >= 0),
        cost_usd             FLOAT CHECK (cost_usd >= 0),
        judge                TEXT NOT NULL,
        context_precision    FLOAT CHECK (context_precision BETWEEN 0 AND 1),
        context_recall       FLOAT CHECK (context_recall BETWEEN 0 AND 1),
        details              JSONB NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX rag_metrics_tenant_id_idx ON rag_metrics (tenant_id)`);
    await queryRunner.query(`CREATE INDEX rag_metrics_evaluation_idx ON rag_metrics (evaluation_id)`);

    await queryRunner.query(`
      CREATE TABLE rag_reports (
        id             UUID PRIMARY KEY,
        tenant_id      UUID NOT NULL,
        evaluation_id  UUID REFERENCES evaluation_sets (id) ON DELETE CASCADE,
        report_url     TEXT NOT NULL,
        created_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        session_id     UUID,
        json_url       TEXT NOT NULL,
        CHECK (evaluation_id IS NOT NULL OR session_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX rag_reports_tenant_id_idx ON rag_reports (tenant_id)`);
    await queryRunner.query(`CREATE INDEX rag_reports_tenant_created_idx ON rag_reports (tenant_id, created_at)`);
    await queryRunner.query(`CREATE INDEX rag_reports_evaluation_idx ON rag_reports (evaluation_id)`);
    await queryRunner.query(`CREATE INDEX rag_reports_session_idx ON rag_reports (session_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rag_reports', 'rag_metrics', 'evaluation_set_items', 'rag_evaluations', 'evaluation_sets']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
