import { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureChatMessagePartitions } from '../partitions/chat-message-partitions';

/**
 * chat_sessions, and chat_messages plus tenant_id (not in the spec: isolation, pruning, sharding),
 * range-partitioned by month on created_at (in the primary key). Messages are immutable: UPDATE
 * and TRUNCATE are refused for every role; DELETE only inside a transaction that declared itself
 * the compliance purge (`SET LOCAL rag.purge = 'on'`).
 */
export class CreateChatTables1764000000301 implements MigrationInterface {
  name = 'CreateChatTables1764000000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chat_sessions (
        id             UUID PRIMARY KEY,
        tenant_id      UUID NOT NULL,
        user_id        UUID,
        system_prompt  TEXT CHECK (length(system_prompt) <= 20000),
        summary        TEXT,
        created_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        updated_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
      )`);
    await queryRunner.query(`CREATE INDEX chat_sessions_tenant_id_idx ON chat_sessions (tenant_id)`);
    await queryRunner.query(
      `CREATE INDEX chat_sessions_tenant_created_idx ON chat_sessions (tenant_id, created_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX chat_sessions_user_idx ON chat_sessions (tenant_id, user_id)`);

    await queryRunner.query(`
      CREATE TABLE chat_messages (
        id            UUID NOT NULL,
        tenant_id     UUID NOT NULL,
        session_id    UUID NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('user','assistant','system','tool')),
        content       TEXT NOT NULL CHECK (length(content) <= 100000),
        "references"  JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof("references") = 'array'),
        created_at    TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        PRIMARY KEY (id, created_at)
      ) PARTITION BY RANGE (created_at)`);
    await queryRunner.query(`CREATE INDEX chat_messages_tenant_id_idx ON chat_messages (tenant_id)`);
    await queryRunner.query(`CREATE INDEX chat_messages_tenant_created_idx ON chat_messages (tenant_id, created_at)`);
    await queryRunner.query(`CREATE INDEX chat_messages_session_idx ON chat_messages (session_id, created_at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION chat_messages_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('rag.purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'chat_messages are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER chat_messages_immutable BEFORE UPDATE OR DELETE ON chat_messages
        FOR EACH ROW EXECUTE FUNCTION chat_messages_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER chat_messages_no_truncate BEFORE TRUNCATE ON chat_messages
        FOR EACH STATEMENT EXECUTE FUNCTION chat_messages_refuse_change()`);
    await ensureChatMessagePartitions(queryRunner, 3);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE chat_messages`);
    await queryRunner.query(`DROP FUNCTION chat_messages_refuse_change()`);
    await queryRunner.query(`DROP TABLE chat_sessions`);
  }
}
