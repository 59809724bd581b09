import { JudgeKind } from '@rag/api';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('evaluation_sets')
export class EvaluationSet {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column('text')
  judge!: JudgeKind;

  @Column('text')
  status!: 'running' | 'completed';

  @Column('int')
  total!: number;

  @Column({ type: 'timestamp', name: 'heartbeat_at', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamp', name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
