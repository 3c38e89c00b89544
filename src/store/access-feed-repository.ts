/**
 * The change feed of the decision point. Every change to facts goes through an audited transaction,
 * so the audit log's sequence is a cheap version counter; the decision point's own deny entries are
 * not changes of fact and are skipped.
 */
import { sql } from 'kysely';
import type { Db } from './store.ts';

/** Audit action of a denied access request. */
export const ACCESS_DENY_ACTION = 'access.deny';

/** The last audit sequence after `afterSeq`, and the last one that changed facts (scans only the new rows). */
export async function changesAfter(db: Db, afterSeq: number): Promise<{ lastSeq: number; lastFactSeq: number | undefined }> {
  const r = await db.selectFrom('audit_log')
    .select([
      sql<number | null>`max(seq)`.as('last_seq'),
      sql<number | null>`max(case when action <> ${ACCESS_DENY_ACTION} then seq end)`.as('fact_seq'),
    ])
    .where('seq', '>', afterSeq).executeTakeFirst();
  const last = r?.last_seq;
  const fact = r?.fact_seq;
  return { lastSeq: last === null || last === undefined ? afterSeq : Number(last), lastFactSeq: fact === null || fact === undefined ? undefined : Number(fact) };
}
