import { ApiProperty } from '@nestjs/swagger';
import { QuotasView } from '../quotas/quotas.view';

export const QUOTA_NAMES = ['tokens', 'ingestions', 'storage'] as const;
export type QuotaName = (typeof QUOTA_NAMES)[number];

/** One UTC day. storageUsed is the bytes held at the end of that day, the others that day's counts. */
export class UsageDayView {
  @ApiProperty({ format: 'date', example: '2026-01-31' })
  date!: string;

  @ApiProperty({ type: 'integer' })
  tokensUsed!: number;

  @ApiProperty({ type: 'integer' })
  requests!: number;

  @ApiProperty({ type: 'integer' })
  ingestions!: number;

  @ApiProperty({ type: 'integer' })
  storageUsed!: number;
}

export class QuotaUsageView {
  @ApiProperty({ type: 'integer' })
  used!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;
}

/** Today (UTC) against the tenant's quotas. */
export class TodayUsageView {
  @ApiProperty({ type: QuotaUsageView })
  tokens!: QuotaUsageView;

  @ApiProperty({ type: QuotaUsageView })
  ingestions!: QuotaUsageView;

  @ApiProperty({ type: QuotaUsageView })
  storage!: QuotaUsageView;
}

export class UsageView {
  @ApiProperty({ type: [UsageDayView], description: 'every day of the range, oldest first' })
  items!: UsageDayView[];

  @ApiProperty({ type: QuotasView })
  quotas!: QuotasView;

  @ApiProperty({ type: TodayUsageView })
  today!: TodayUsageView;
}

export class QuotaStatusView extends TodayUsageView {
  @ApiProperty({ enum: QUOTA_NAMES, isArray: true, description: 'quotas with used >= limit' })
  exceeded!: QuotaName[];
}
