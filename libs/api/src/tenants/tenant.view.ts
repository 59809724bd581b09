import { ApiProperty } from '@nestjs/swagger';
import { TENANT_STATUSES, TenantStatus } from '@rag/contracts';
import { IssuedApiKeyView } from '../api-keys/api-key.view';

export class TenantView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: TENANT_STATUSES })
  status!: TenantStatus;

  @ApiProperty({ type: 'integer' })
  retentionDays!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** `POST /tenants`: the tenant and its first admin key, whose secret is shown only here. */
export class CreatedTenantView {
  @ApiProperty({ type: TenantView })
  tenant!: TenantView;

  @ApiProperty({ type: IssuedApiKeyView })
  apiKey!: IssuedApiKeyView;
}
