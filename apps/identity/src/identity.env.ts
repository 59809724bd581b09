import { IsInt, Max, Min } from 'class-validator';
import { PlatformEnv } from '@rag/config';

export class IdentityEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  IDENTITY_PORT: number = 3101;
}
