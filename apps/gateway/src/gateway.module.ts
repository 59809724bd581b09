import { Module } from '@nestjs/common';
import { EnvModule } from '@rag/config';
import { BlobRoutesModule } from './blobs/blob-routes.module';
import { GatewayCoreModule } from './gateway-core.module';
import { GatewayEnv } from './gateway.env';
import { GatewayMessagingModule } from './events/gateway-messaging.module';
import { gatewayHealthModule } from './health/gateway-health.module';
import { RoutesModule } from './routes/routes.module';

/** The external API: no database; Kafka for its own events and for cache invalidation. */
@Module({
  imports: [
    EnvModule.forRoot(GatewayEnv),
    GatewayMessagingModule.forRoot(),
    GatewayCoreModule,
    gatewayHealthModule(),
    RoutesModule,
    BlobRoutesModule.forRoot(),
  ],
})
export class GatewayModule {}
