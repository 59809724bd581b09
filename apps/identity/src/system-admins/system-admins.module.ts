import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { SystemAdminBootstrapService } from './system-admin-bootstrap.service';

@Module({ imports: [ApiKeysModule], providers: [SystemAdminBootstrapService] })
export class SystemAdminsModule {}
