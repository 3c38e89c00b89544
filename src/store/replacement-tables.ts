/** Row types of the replacement tables (migration 0004), added to the `Database` interface. */

/** A model approved as a replacement device. */
export interface ApprovedModelRow {
  id: string; vendor: string; model: string; platform: string; form_factor: string; notes: string | null; created_at: string; created_by: string;
}
/** Counts of one approved model at one location. On hand = received − issued; available = on hand − reserved. */
export interface StockLevelRow { model_id: string; location: string; received: number; reserved: number; issued: number; updated_at: string }
/** One serial-numbered unit: received into stock, or issued to a case. */
export interface StockSerialRow {
  serial: string; model_id: string; location: string; state: 'on_hand' | 'issued'; case_id: string | null; received_at: string | null; issued_at: string | null;
}
/** One replacement case: a person and a banned device, from reservation to disposition. */
export interface ReplacementCaseRow {
  id: string; finding_id: string; policy_id: string; person_id: string; device_id: string; state: string;
  model_id: string | null; location: string | null; serial: string | null; new_device_id: string | null;
  disposition: string | null; disposition_ref: string | null; flagged: number; flag_reason: string | null;
  opened_at: string; opened_by: string; updated_at: string; closed_at: string | null;
}
/** One step of a case, with who, when, where, and the receipt hash when there is a receipt. */
export interface CaseEventRow {
  id: string; case_id: string; at: string; actor: string; step: string; from_state: string | null; to_state: string;
  location: string | null; witness: string | null; details: string; receipt_sha256: string | null;
}

declare module './database-schema.ts' {
  interface Database {
    approved_models: ApprovedModelRow;
    stock_levels: StockLevelRow;
    stock_serials: StockSerialRow;
    replacement_cases: ReplacementCaseRow;
    case_events: CaseEventRow;
  }
}
