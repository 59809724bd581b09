import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOptionalNonNull } from '@rag/http';
import { CreateTenantDto } from './create-tenant.dto';

/**
 * Rename, suspend or reactivate, change retention or metadata. Deletion is DELETE.
 * `skipNullProperties: false`: a field may be absent, but an explicit `null` is validated (and
 * refused) rather than reaching a NOT NULL column as a 500.
 */
export class UpdateTenantDto extends PartialType(CreateTenantDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptionalNonNull()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';
}
