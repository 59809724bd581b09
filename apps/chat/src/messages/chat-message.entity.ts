import { ChatMessageView, ChatReferenceView } from '@rag/api';
import { ChatRole } from '@rag/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Immutable (the database refuses UPDATE); the partition key created_at is part of the key. */
@Entity('chat_messages')
export class ChatMessage {
  @PrimaryColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'session_id' })
  sessionId!: string;

  @Column('text')
  role!: ChatRole;

  @Column('text')
  content!: string;

  @Column({ type: 'jsonb', name: 'references' })
  references!: ChatReferenceView[];
}

export function toChatMessageView(message: ChatMessage): ChatMessageView {
  return {
    id: message.id,
    sessionId: message.sessionId,
    role: message.role,
    content: message.content,
    references: message.references,
    createdAt: message.createdAt.toISOString(),
  };
}
