import { Inject, Injectable } from '@nestjs/common';
import { daysBefore, dropMonthlyPartitionsBefore, PartitionUpkeep, SqlRunner } from '@rag/database';
import { DataSource } from 'typeorm';
import { AUDIT_SETTINGS, AuditSettings } from '../audit.settings';
import { ensureAuditPartitions } from './audit-partitions';

@Injectable()
export class AuditPartitionUpkeep extends PartitionUpkeep {
  constructor(
    dataSource: DataSource,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    super(dataSource, 'audit_logs');
  }

  protected ensure(runner: SqlRunner): Promise<string[]> {
    return ensureAuditPartitions(runner, this.settings.partitionMonthsAhead);
  }

  /** Whole months older than AUDIT_RETENTION_DAYS: the only way audit rows ever leave (the table is write-only). */
  protected expire(runner: SqlRunner, now: Date): Promise<string[]> {
    return dropMonthlyPartitionsBefore(runner, 'audit_logs', daysBefore(now, this.settings.retentionDays));
  }
}
