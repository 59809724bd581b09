import { IsInt, Max, Min } from 'class-validator';
import { PlatformEnv } from '@rag/config';

export class AgentsEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  AGENTS_PORT: number = 3104;
}
