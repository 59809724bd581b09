import { ChatSessionView } from '@rag/api';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('chat_sessions')
export class ChatSession {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', name: 'system_prompt', nullable: true })
  systemPrompt!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamp', name: 'updated_at' })
  updatedAt!: Date;
}

export function toChatSessionView(session: ChatSession): ChatSessionView {
  return {
    id: session.id,
    tenantId: session.tenantId,
    userId: session.userId,
    systemPrompt: session.systemPrompt,
    summary: session.summary,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}
