import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (events committed with the domain write, published by the relay) and the inbox
 * of processed event ids. Every app that owns tables lists this migration first.
 */
export class CreateMessagingTables1764000000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_events (
        seq          BIGSERIAL PRIMARY KEY,
        id           UUID NOT NULL UNIQUE,
        tenant_id    UUID,
        topic        TEXT NOT NULL,
        message_key  TEXT NOT NULL,
        payload      JSONB NOT NULL,
        headers      JSONB NOT NULL DEFAULT '{}'::jsonb,
        created_at   TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        sent_at      TIMESTAMP
      )`);
    await queryRunner.query(`CREATE INDEX outbox_events_unsent_idx ON outbox_events (seq) WHERE sent_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX outbox_events_sent_at_idx ON outbox_events (sent_at) WHERE sent_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE processed_events (
        consumer_group TEXT NOT NULL,
        event_id       UUID NOT NULL,
        processed_at   TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_events`);
    await queryRunner.query(`DROP TABLE outbox_events`);
  }
}
