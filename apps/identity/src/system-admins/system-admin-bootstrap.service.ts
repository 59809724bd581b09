import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createEvent, SERVICE_ACTOR, SystemAdminCreated } from '@rag/contracts';
import { ALL_TENANTS } from '@rag/database';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { parseApiKey } from '../api-keys/api-key-format';
import { ApiKeyHasher } from '../api-keys/api-key-hasher';
import { apiKeys, ApiKeyWriter } from '../api-keys/api-key.writer';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity.settings';
import { SystemAdmin } from './system-admin.entity';

/** Name of the keys this service creates; a new SYSTEM_ADMIN_KEY revokes the previous ones. */
export const BOOTSTRAP_KEY_NAME = 'system admin bootstrap key';
/** One replica at a time runs the bootstrap (transaction-scoped advisory lock). */
const BOOTSTRAP_LOCK = 'identity:system-admin-bootstrap';

/**
 * At boot, ensures the first system admin (SYSTEM_ADMIN_EMAIL) and a system key for it:
 * SYSTEM_ADMIN_KEY when given (stored only as its HMAC), else a generated key printed once.
 * Idempotent across restarts and concurrent replicas.
 */
@Injectable()
export class SystemAdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SystemAdminBootstrapService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly hasher: ApiKeyHasher,
    private readonly keys: ApiKeyWriter,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const printed = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [BOOTSTRAP_LOCK]);
      const admin = await this.ensureAdmin(manager);
      return this.settings.systemAdminKey === null
        ? this.ensureGeneratedKey(manager, admin)
        : this.ensureConfiguredKey(manager, admin, this.settings.systemAdminKey);
    });
    // Printed after the commit, so a key that is shown is a key that works.
    if (printed) process.stdout.write(`System admin key (shown once): ${printed}\n`);
  }

  private async ensureAdmin(manager: EntityManager): Promise<SystemAdmin> {
    const repository = manager.getRepository(SystemAdmin);
    const existing = await repository.findOneBy({ email: this.settings.systemAdminEmail });
    if (existing) return existing;
    const admin: SystemAdmin = {
      id: randomUUID(),
      email: this.settings.systemAdminEmail,
      createdAt: new Date(),
      immutable: true,
    };
    await repository.insert(admin);
    await this.outbox.publish(
      manager,
      createEvent(SystemAdminCreated, {
        tenantId: null,
        actor: SERVICE_ACTOR,
        resourceId: admin.id,
        data: { immutable: true },
      }),
    );
    this.logger.log(`created system admin ${admin.id}`);
    return admin;
  }

  /** Without SYSTEM_ADMIN_KEY: a new key only when the admin has no usable system key. */
  private async ensureGeneratedKey(manager: EntityManager, admin: SystemAdmin): Promise<string | null> {
    const usable = await apiKeys
      .query(manager, ALL_TENANTS, 'k')
      .andWhere('k.systemAdminId = :adminId', { adminId: admin.id })
      .andWhere('k.revokedAt IS NULL')
      .andWhere("(k.expiresAt IS NULL OR k.expiresAt > (now() AT TIME ZONE 'utc'))")
      .getExists();
    if (usable) return null;
    const issued = await this.keys.issue(
      manager,
      { tenantId: null, systemAdminId: admin.id },
      { scope: 'system', expiresAt: null, name: BOOTSTRAP_KEY_NAME },
      SERVICE_ACTOR,
    );
    return issued.key;
  }

  /**
   * SYSTEM_ADMIN_KEY works as given: a platform-format value is stored under its own id, any
   * other string under an id derived from it (see ApiKeyVerifier). When it is new, the
   * admin's earlier bootstrap keys are revoked: changing the variable rotates the key.
   */
  private async ensureConfiguredKey(manager: EntityManager, admin: SystemAdmin, configured: string): Promise<null> {
    const parsed = parseApiKey(configured);
    if (!parsed) throw new Error('SYSTEM_ADMIN_KEY is malformed');
    const [id, secret] =
      parsed.kind === 'platform' ? [parsed.id, parsed.secret] : [this.hasher.bootstrapKeyId(parsed.key), parsed.key];
    const existing = await apiKeys.findOne(manager, ALL_TENANTS, { id });
    if (existing) {
      if (existing.systemAdminId !== admin.id || !this.hasher.matches(secret, existing.hashedKey)) {
        throw new Error('SYSTEM_ADMIN_KEY is already the key of another system admin or tenant');
      }
      if (existing.revokedAt) this.logger.warn('SYSTEM_ADMIN_KEY was revoked: it will not work; set a new one');
      return null;
    }
    const previous = await apiKeys
      .query(manager, ALL_TENANTS, 'k')
      .andWhere('k.systemAdminId = :adminId AND k.name = :name AND k.revokedAt IS NULL', {
        adminId: admin.id,
        name: BOOTSTRAP_KEY_NAME,
      })
      .getMany();
    await this.keys.store(
      manager,
      {
        id,
        hashedKey: this.hasher.hash(secret),
        tenantId: null,
        systemAdminId: admin.id,
        scope: 'system',
        expiresAt: null,
        name: BOOTSTRAP_KEY_NAME,
      },
      SERVICE_ACTOR,
    );
    for (const key of previous) await this.keys.revoke(manager, key, SERVICE_ACTOR);
    return null;
  }
}
