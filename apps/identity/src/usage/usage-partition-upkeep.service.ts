import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity.settings';
import { ensureUsagePartitions } from './usage-partitions';

const TWELVE_HOURS_MS = 12 * 3600 * 1000;

/** Keeps usage_metrics' monthly partitions ready ahead, so nothing lands in the default one. */
@Injectable()
export class UsagePartitionUpkeepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UsagePartitionUpkeepService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), TWELVE_HOURS_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<string[]> {
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        // Replicas booting together would otherwise race on the same CREATE TABLE.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('identity:usage-partitions', 0))`);
        return ensureUsagePartitions(manager, this.settings.usagePartitionMonthsAhead);
      });
      if (created.length > 0) this.logger.log(`created partitions ${created.join(', ')}`);
      return created;
    } catch (error) {
      this.logger.error(`partition upkeep failed: ${(error as Error).message}`);
      return [];
    }
  }
}
