import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity.settings';
import { hexToUuid } from './api-key-format';

const HASHED_KEY = /^[0-9a-f]{64}$/;
/** Compared against when no row was found, so a miss costs what a wrong secret costs. */
const NO_MATCH = Buffer.alloc(32);

/** The keyed hash (HMAC-SHA256 with API_KEY_PEPPER) under which key secrets are stored. */
@Injectable()
export class ApiKeyHasher {
  private readonly pepper: string;

  constructor(@Inject(IDENTITY_SETTINGS) settings: IdentitySettings) {
    this.pepper = settings.apiKeyPepper;
  }

  hash(secret: string): string {
    return createHmac('sha256', this.pepper).update(secret, 'utf8').digest('hex');
  }

  /** Constant-time comparison of `secret`'s hash with the stored one (undefined: no row). */
  matches(secret: string, hashedKey: string | undefined): boolean {
    const known = hashedKey !== undefined && HASHED_KEY.test(hashedKey);
    const equal = timingSafeEqual(
      createHmac('sha256', this.pepper).update(secret, 'utf8').digest(),
      known ? Buffer.from(hashedKey, 'hex') : NO_MATCH,
    );
    return known && equal;
  }

  /**
   * The row id of a bootstrap key: derived from the key with the pepper (a UUIDv8), so it is
   * stable across restarts and replicas and says nothing about the key without the pepper.
   */
  bootstrapKeyId(key: string): string {
    const bytes = createHmac('sha256', this.pepper).update(`bootstrap-key-id:${key}`, 'utf8').digest().subarray(0, 16);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    return hexToUuid(bytes.toString('hex'));
  }
}
