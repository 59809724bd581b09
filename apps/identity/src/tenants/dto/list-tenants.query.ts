import { IsIn, IsOptional } from 'class-validator';
import { TENANT_STATUSES, TenantStatus } from '@rag/contracts';
import { PageQueryDto } from '@rag/http';

export class ListTenantsQuery extends PageQueryDto {
  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;
}
