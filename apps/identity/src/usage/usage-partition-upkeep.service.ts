import { Inject, Injectable } from '@nestjs/common';
import { daysBefore, dropMonthlyPartitionsBefore, PartitionUpkeep, SqlRunner } from '@rag/database';
import { DataSource } from 'typeorm';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity.settings';
import { ensureUsagePartitions } from './usage-partitions';

@Injectable()
export class UsagePartitionUpkeep extends PartitionUpkeep {
  constructor(
    dataSource: DataSource,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {
    super(dataSource, 'usage_metrics');
  }

  protected ensure(runner: SqlRunner): Promise<string[]> {
    return ensureUsagePartitions(runner, this.settings.usagePartitionMonthsAhead);
  }

  protected expire(runner: SqlRunner, now: Date): Promise<string[]> {
    return dropMonthlyPartitionsBefore(runner, 'usage_metrics', daysBefore(now, this.settings.usageRetentionDays));
  }
}
