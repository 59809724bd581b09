import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlRunner } from './partitions';

const TWELVE_HOURS_MS = 12 * 3600 * 1000;

/**
 * Keeps a partitioned table's partitions ready ahead (at boot, then twice a day), so rows do
 * not land in the default partition, and drops those past retention. An app subclasses it per
 * table with `ensure` and `expire`.
 */
export abstract class PartitionUpkeep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
  ) {}

  /** Creates what is missing; returns the partitions it created. */
  protected abstract ensure(runner: SqlRunner): Promise<string[]>;

  /** Drops the partitions past retention; returns their names. */
  protected abstract expire(runner: SqlRunner, now: Date): Promise<string[]>;

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), TWELVE_HOURS_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(now = new Date()): Promise<{ created: string[]; dropped: string[] }> {
    try {
      const result = await this.dataSource.transaction(async (manager) => {
        // Replicas booting together would otherwise race on the same CREATE TABLE.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`partitions:${this.table}`]);
        return { created: await this.ensure(manager), dropped: await this.expire(manager, now) };
      });
      if (result.created.length > 0) this.logger.log(`created partitions ${result.created.join(', ')}`);
      if (result.dropped.length > 0) this.logger.log(`dropped partitions past retention ${result.dropped.join(', ')}`);
      return result;
    } catch (error) {
      this.logger.error(`partition upkeep of ${this.table} failed: ${(error as Error).message}`);
      return { created: [], dropped: [] };
    }
  }
}
