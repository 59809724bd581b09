import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { QuotasModule } from '../quotas/quotas.module';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({ imports: [ApiKeysModule, QuotasModule], controllers: [TenantsController], providers: [TenantsService] })
export class TenantsModule {}
