import { IsInt, Max, Min } from 'class-validator';
import { PlatformEnv } from '@rag/config';

/** The apps' environment (same variables, same validation) plus what the apps keep ahead. */
export class OpsEnv extends PlatformEnv {
  /** Monthly partitions of audit_logs that the audit app keeps ahead of the current month. */
  @IsInt()
  @Min(1)
  @Max(24)
  AUDIT_PARTITION_MONTHS_AHEAD: number = 3;

  /** Same, usage_metrics (identity). */
  @IsInt()
  @Min(1)
  @Max(24)
  USAGE_PARTITION_MONTHS_AHEAD: number = 3;

  /** Same, chat_messages (chat). */
  @IsInt()
  @Min(1)
  @Max(24)
  CHAT_PARTITION_MONTHS_AHEAD: number = 3;
}

/** The months a partitioned table must have ahead: its app's setting, else the apps' default (3). */
export function partitionMonthsAhead(env: OpsEnv, table: string): { months: number; variable?: string } {
  const variables: Record<string, keyof OpsEnv & `${string}_PARTITION_MONTHS_AHEAD`> = {
    audit_logs: 'AUDIT_PARTITION_MONTHS_AHEAD',
    usage_metrics: 'USAGE_PARTITION_MONTHS_AHEAD',
    chat_messages: 'CHAT_PARTITION_MONTHS_AHEAD',
  };
  const variable = variables[table];
  return variable ? { months: env[variable], variable } : { months: 3 };
}
