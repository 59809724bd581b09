import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_SETTINGS, AuditSettings } from '../audit.settings';
import { ensureAuditPartitions } from './audit-partitions';

const TWELVE_HOURS_MS = 12 * 3600 * 1000;

/** Keeps monthly partitions ready ahead, so nothing lands in the default partition. */
@Injectable()
export class PartitionUpkeepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PartitionUpkeepService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
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
      const created = await this.dataSource.transaction((manager) =>
        ensureAuditPartitions(manager, this.settings.partitionMonthsAhead),
      );
      if (created.length > 0) this.logger.log(`created partitions ${created.join(', ')}`);
      return created;
    } catch (error) {
      this.logger.error(`partition upkeep failed: ${(error as Error).message}`);
      return [];
    }
  }
}
