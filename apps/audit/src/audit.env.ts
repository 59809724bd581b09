import { IsInt, Max, Min } from 'class-validator';
import { PlatformEnv } from '@rag/config';

export class AuditEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  AUDIT_PORT: number = 3107;

  /** Monthly partitions of audit_logs kept ready ahead of the current month. */
  @IsInt()
  @Min(1)
  @Max(24)
  AUDIT_PARTITION_MONTHS_AHEAD: number = 3;

  /** Monthly partitions of audit_logs wholly older than this are dropped; never fewer than 400 days. */
  @IsInt()
  @Min(400)
  @Max(36500)
  AUDIT_RETENTION_DAYS: number = 400;
}
