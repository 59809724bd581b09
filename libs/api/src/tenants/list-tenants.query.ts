import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TENANT_STATUSES, TenantStatus } from '@rag/contracts';
import { PageQuery } from '../common/page.query';

export class ListTenantsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;
}
