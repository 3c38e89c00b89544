/** Row types of every table, as the store sees them. Instants are ISO-8601 UTC text; booleans 0/1. */

export interface GroupRow { id: string; title: string; created_at: string; updated_at: string }
export interface GroupParentRow { group_id: string; parent_id: string }
export interface DepartmentRow { path: string; parent_path: string | null; name: string }
export interface PersonRow { id: string; full_name: string; email: string; department: string; created_at: string; updated_at: string }
export interface PersonGroupRow { person_id: string; group_id: string }
export interface DeviceRow {
  id: string; serial: string | null; imei: string | null; vendor: string; model: string; marketing_name: string | null;
  platform: string; os_version: string; form_factor: string; ownership: string; managed: number;
  holder_id: string | null; holder_ref: string | null; os_supported: number | null; exploited_vulnerabilities: number | null;
  created_at: string; updated_at: string;
}
export interface PolicyRow { id: string; current_version: number; status: 'published' | 'retired'; created_at: string; updated_at: string }
export interface PolicyVersionRow {
  policy_id: string; version: number; title: string; text: string; effective_at: string; deadline_at: string; enforce: string | null;
  published_at: string; published_by: string; source_sha256: string; retired_at: string | null; retired_by: string | null;
}
export interface ExemptionRow {
  id: string; policy_id: string; person_id: string | null; device_id: string | null; until: string; reason: string;
  status: 'requested' | 'approved' | 'rejected' | 'revoked'; requested_by: string; approved_by: string | null; created_at: string; decided_at: string | null;
}
export interface SweepRow {
  id: string; at: string; started_at: string; finished_at: string; actor: string; pairs: number; cedar_calls: number;
  due: number; overdue: number; exempt: number; resolved: number; errors: number; by_policy: string;
}
export interface FindingRow {
  id: string; policy_id: string; person_id: string; device_id: string; state: 'due' | 'overdue' | 'exempt' | 'resolved';
  effective_at: string; due_at: string; first_seen_at: string; state_since: string; last_sweep_id: string;
  exemption_id: string | null; error: string | null; resolved_at: string | null; resolution: string | null;
}
export interface FindingEventRow { finding_id: string; sweep_id: string; at: string; from_state: string | null; to_state: string }
export interface AuditRow { seq: number; at: string; actor: string; action: string; subjects: string; details: string; prev_hash: string; hash: string }

/** The whole database, for Kysely. */
export interface Database {
  groups: GroupRow;
  group_parents: GroupParentRow;
  departments: DepartmentRow;
  people: PersonRow;
  person_groups: PersonGroupRow;
  devices: DeviceRow;
  policies: PolicyRow;
  policy_versions: PolicyVersionRow;
  exemptions: ExemptionRow;
  sweeps: SweepRow;
  findings: FindingRow;
  finding_events: FindingEventRow;
  audit_log: AuditRow;
}
