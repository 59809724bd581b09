import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * system_admins: global (no tenant_id). An immutable admin cannot be removed: triggers refuse
 * its DELETE, clearing its flag (which would open the way to a DELETE), and TRUNCATE.
 */
export class CreateSystemAdmins1764000000002 implements MigrationInterface {
  name = 'CreateSystemAdmins1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE system_admins (
        id          UUID PRIMARY KEY,
        email       TEXT NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 320),
        created_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        immutable   BOOLEAN NOT NULL DEFAULT TRUE
      )`);
    await queryRunner.query(`
      CREATE FUNCTION system_admins_protect_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          IF EXISTS (SELECT 1 FROM system_admins WHERE immutable) THEN
            RAISE EXCEPTION 'system_admins holds immutable admins: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END IF;
        IF OLD.immutable AND TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'system admin % is immutable: DELETE refused', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        IF OLD.immutable AND (NOT NEW.immutable OR NEW.id <> OLD.id) THEN
          RAISE EXCEPTION 'system admin % is immutable: clearing it refused', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER system_admins_immutable BEFORE UPDATE OR DELETE ON system_admins
        FOR EACH ROW EXECUTE FUNCTION system_admins_protect_immutable()`);
    await queryRunner.query(`
      CREATE TRIGGER system_admins_no_truncate BEFORE TRUNCATE ON system_admins
        FOR EACH STATEMENT EXECUTE FUNCTION system_admins_protect_immutable()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE system_admins`);
    await queryRunner.query(`DROP FUNCTION system_admins_protect_immutable()`);
  }
}
