import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiErrorDetailView {
  @ApiProperty({ example: 'insufficient_scope', description: 'stable machine-readable code' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ description: 'e.g. the fields that failed validation, or the quota exceeded' })
  details?: unknown;
}

/** Every error answer: `{ "error": { "code", "message", "details" } }`. */
export class ApiErrorView {
  @ApiProperty({ type: ApiErrorDetailView })
  error!: ApiErrorDetailView;
}
