import { API_KEY_SCOPES, USER_ROLES, USER_STATUSES } from '@rag/contracts';
import { ActingUser, VerifiedKey } from './caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isUuidOrNull = (value: unknown): value is string | null => value === null || isUuid(value);
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/** Identity's verify answer, checked: a gateway that trusted a malformed answer could widen access. */
export function readVerifiedKey(body: unknown): VerifiedKey | undefined {
  if (!isObject(body)) return undefined;
  const { keyId, tenantId, scope, expiresAt, systemAdminId } = body;
  const systemKey = scope === 'system';
  const valid =
    isUuid(keyId) &&
    isOneOf(API_KEY_SCOPES, scope) &&
    (systemKey ? tenantId === null && isUuidOrNull(systemAdminId ?? null) : isUuid(tenantId)) &&
    (expiresAt === null ||
      expiresAt === undefined ||
      (typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt))));
  if (!valid) return undefined;
  return {
    keyId: keyId.toLowerCase(),
    tenantId: systemKey ? null : (tenantId as string).toLowerCase(),
    scope,
    expiresAt: (expiresAt as string | null | undefined) ?? null,
    systemAdminId: systemKey ? ((systemAdminId as string | null | undefined) ?? null) : null,
  };
}

export function readActingUser(body: unknown): ActingUser | undefined {
  if (!isObject(body)) return undefined;
  const { id, role, status } = body;
  if (!isUuid(id) || !isOneOf(USER_ROLES, role) || !isOneOf(USER_STATUSES, status)) return undefined;
  return { id: id.toLowerCase(), role, status };
}

/** `{ error: { code, details: { tenantId? } } }` of an identity refusal. */
export function readRefusal(body: unknown): { code: string | undefined; tenantId: string | null } {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  const details = error && isObject(error.details) ? error.details : undefined;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    tenantId: isUuid(details?.tenantId) ? details.tenantId.toLowerCase() : null,
  };
}
