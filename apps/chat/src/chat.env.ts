import { IsInt, Max, Min } from 'class-validator';
import { PlatformEnv } from '@rag/config';

export class ChatEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  CHAT_PORT: number = 3103;

  /** Monthly partitions of chat_messages kept ready ahead of the current month. */
  @IsInt()
  @Min(1)
  @Max(24)
  CHAT_PARTITION_MONTHS_AHEAD: number = 3;
}
