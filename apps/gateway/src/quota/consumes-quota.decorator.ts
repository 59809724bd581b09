import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { QuotaName } from '@rag/api';
import { ApiErrorView } from '../docs/api-error.view';

export const CONSUMES_QUOTA = 'gateway:consumes-quota';

/**
 * The route spends a tenant quota (chat: tokens; ingestion: ingestions, storage): refused with
 * 429 `quota_exceeded` once identity reports the quota used up today.
 */
export function ConsumesQuota(quota: QuotaName): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(CONSUMES_QUOTA, quota),
    ApiTooManyRequestsResponse({
      type: ApiErrorView,
      description: `quota_exceeded: the tenant's ${quota} quota is used up`,
    }),
  );
}
