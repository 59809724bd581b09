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

  /** How often an idle event stream (SSE) gets a keep-alive comment, so that proxies keep it open. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  CHAT_SSE_KEEPALIVE_MS: number = 15_000;
}
