import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { TENANT_KEY_SCOPES, TenantKeyScope } from '@rag/contracts';
import { IsOptionalNonNull, PRINTABLE, Trim } from '@rag/http';
import { IsFutureDateTime } from '../common/date.validators';

export class CreateApiKeyDto {
  @ApiProperty({ enum: TENANT_KEY_SCOPES, description: 'read < write < admin' })
  @IsIn(TENANT_KEY_SCOPES)
  scope!: TenantKeyScope;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2030-01-31T12:00:00Z',
    description: 'a future instant with a zone; the key never expires without it',
  })
  @IsOptionalNonNull()
  @IsFutureDateTime()
  expiresAt?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'ci pipeline' })
  @IsOptionalNonNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;
}
