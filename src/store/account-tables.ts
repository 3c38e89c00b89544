/** Row types of the account tables (migration 0005), added to the `Database` interface. */

/** A person who signs in to Cordon. Secrets are stored only as hashes. */
export interface UserRow {
  id: string; email: string; role: string; password_hash: string | null; setup_token_hash: string | null; setup_expires_at: string | null;
  disabled: number; created_at: string; created_by: string; updated_at: string;
}
/** A department a `head` heads (their scope covers it and everything below). */
export interface UserDepartmentRow { user_id: string; path: string }
/** A named API token; only its SHA-256 is kept, and a short prefix to recognise it in lists. */
export interface ApiTokenRow {
  id: string; user_id: string; name: string; token_hash: string; token_prefix: string; created_at: string; created_by: string;
  expires_at: string | null; last_used_at: string | null; revoked_at: string | null; revoked_by: string | null;
}
/** A signed-in browser session, keyed by the SHA-256 of its id. */
export interface SessionRow { id_hash: string; user_id: string; created_at: string; expires_at: string; last_seen_at: string; client_address: string | null }
/** Failed sign-ins of one key within the current window, and the lock they caused. */
export interface LoginAttemptRow { key: string; failures: number; window_started_at: string; locked_until: string | null }

declare module './database-schema.ts' {
  interface Database {
    users: UserRow;
    user_departments: UserDepartmentRow;
    api_tokens: ApiTokenRow;
    sessions: SessionRow;
    login_attempts: LoginAttemptRow;
  }
}
