/**
 * What an app needs beyond the defaults to take sustained load through one gateway: quotas and the
 * gateway's rate limit out of the way, signed blob URLs pointing at that gateway, identity's system key.
 */
export function loadTestAppEnv(app: string, gatewayUrl: string, systemKey: string): Record<string, string> {
  const blobs = { BLOB_PUBLIC_URL: `${gatewayUrl}/v1/blobs` };
  switch (app) {
    case 'identity':
      return {
        SYSTEM_ADMIN_KEY: systemKey,
        DEFAULT_MAX_TOKENS_PER_DAY: '1000000000',
        DEFAULT_MAX_INGESTIONS_PER_DAY: '1000000',
      };
    case 'ingestion':
    case 'evaluation':
      return blobs;
    case 'gateway':
      return { ...blobs, RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' };
    default:
      return {};
  }
}
