import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@rag/http';

/** PageQueryDto (validation) with its OpenAPI description; every list query extends this. */
export class PageQuery extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'page size' })
  override limit = 50;

  @ApiPropertyOptional({ maxLength: 512, description: 'nextCursor of the previous page' })
  override cursor?: string = undefined;
}
