import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ItemStatus = 'pending' | 'asked' | 'scored' | 'failed';

/** One question of a set: asked through chat (session and message kept, so a restart resumes it), then scored. */
@Entity('evaluation_set_items')
export class EvaluationSetItem {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'evaluation_set_id' })
  evaluationSetId!: string;

  @Column('int')
  position!: number;

  @Column('text')
  question!: string;

  @Column({ type: 'text', name: 'expected_answer', nullable: true })
  expectedAnswer!: string | null;

  @Column({ type: 'uuid', name: 'expected_sources', array: true })
  expectedSources!: string[];

  @Column('text')
  status!: ItemStatus;

  @Column({ type: 'uuid', name: 'session_id', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'uuid', name: 'user_message_id', nullable: true })
  userMessageId!: string | null;

  @Column({ type: 'uuid', name: 'evaluation_id', nullable: true })
  evaluationId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
