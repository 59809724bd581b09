export interface AuditSettings {
  partitionMonthsAhead: number;
  retentionDays: number;
}

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');
