export interface AuditSettings {
  partitionMonthsAhead: number;
}

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');
