import { Global, Module } from '@nestjs/common';
import { loadConfig } from '@rag/config';
import { GatewayEnv } from './gateway.env';

/** The validated environment, injectable by its class. */
@Global()
@Module({
  providers: [{ provide: GatewayEnv, useFactory: () => loadConfig(GatewayEnv) }],
  exports: [GatewayEnv],
})
export class GatewayConfigModule {}
