import { Module } from '@nestjs/common';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyVerifier } from './api-key.verifier';
import { ApiKeyWriter } from './api-key.writer';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyHasher, ApiKeyWriter, ApiKeysService, ApiKeyVerifier],
  exports: [ApiKeyHasher, ApiKeyWriter],
})
export class ApiKeysModule {}
