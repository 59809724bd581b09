import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../common/date.validators';

/** A UTC day range, both ends included; at most 366 days. */
export class UsageQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'default: 29 days before `to`' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-30', description: 'default: today (UTC)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
