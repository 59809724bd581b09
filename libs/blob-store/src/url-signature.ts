import { createHmac, timingSafeEqual } from 'node:crypto';

const EXPIRES = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/** HMAC-SHA256 signatures of `(key, expires)` for the local store's expiring urls. */
export class UrlSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('the blob signing secret must be at least 32 characters');
  }

  sign(key: string, expires: number): string {
    // The newline keeps (key "a1", expires 23) and (key "a", expires 123) apart.
    return createHmac('sha256', this.secret).update(`${key}\n${expires}`).digest('hex');
  }

  /** True for a well-formed, unexpired signature of `key`; compared in constant time. */
  verify(key: string, expires: unknown, signature: unknown, nowSeconds: number): boolean {
    if (typeof expires !== 'string' || !EXPIRES.test(expires)) return false;
    if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return false;
    const expiresAt = Number(expires);
    if (expiresAt <= nowSeconds) return false;
    return timingSafeEqual(Buffer.from(this.sign(key, expiresAt), 'hex'), Buffer.from(signature, 'hex'));
  }
}
