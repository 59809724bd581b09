import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@rag/database';

/** One tenant's usage on one UTC day (partitioned by month on `date`). */
@Entity('usage_metrics')
export class UsageMetric {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  /** `YYYY-MM-DD` (UTC). */
  @PrimaryColumn('date')
  date!: string;

  @Column({ type: 'bigint', name: 'tokens_used', transformer: bigintAsNumber })
  tokensUsed!: number;

  @Column('int')
  requests!: number;

  @Column('int')
  ingestions!: number;

  /** Bytes held at the end of the day. */
  @Column({ type: 'bigint', name: 'storage_used', transformer: bigintAsNumber })
  storageUsed!: number;
}
