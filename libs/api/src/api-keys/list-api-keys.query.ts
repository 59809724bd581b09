import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '@rag/contracts';
import { PageQuery } from '../common/page.query';

export class ListApiKeysQuery extends PageQuery {
  @ApiPropertyOptional({ enum: API_KEY_SCOPES })
  @IsOptional()
  @IsIn(API_KEY_SCOPES)
  scope?: ApiKeyScope;
}
