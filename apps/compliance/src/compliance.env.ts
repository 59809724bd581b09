import { IsInt, Max, Min } from 'class-validator';
import { IsHttpUrl, PlatformEnv } from '@rag/config';

export class ComplianceEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  COMPLIANCE_PORT: number = 3106;

  /** Identity's internal API: the subject (user, tenant) exists. */
  @IsHttpUrl()
  IDENTITY_URL = 'http://127.0.0.1:3101';

  /** Chat's internal API: a user's sessions, listed before they are erased. */
  @IsHttpUrl()
  CHAT_URL = 'http://127.0.0.1:3103';

  @IsInt()
  @Min(100)
  @Max(60_000)
  SERVICE_TIMEOUT_MS: number = 10_000;

  /** A request not answered by every app within this is marked stalled and sent again. */
  @IsInt()
  @Min(500)
  @Max(7 * 24 * 3600_000)
  DELETION_DEADLINE_MS: number = 15 * 60_000;

  /** How often tenants are checked for the day's retention job (one per tenant per UTC day). */
  @IsInt()
  @Min(100)
  @Max(24 * 3600_000)
  RETENTION_SWEEP_MS: number = 3600_000;

  /** How often deadlines are checked. */
  @IsInt()
  @Min(100)
  @Max(3600_000)
  COMPLIANCE_SWEEP_MS: number = 10_000;
}
