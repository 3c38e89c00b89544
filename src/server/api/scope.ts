/**
 * A head's view of lists whose services do not filter by department yet (devices, findings, cases,
 * exemptions, reports): the rows are limited here, before pagination, so that pages, cursors and
 * counts never reveal a record outside the head's departments. Other roles see every row.
 */
import { inScope } from '../../core/roles.ts';
import type { AuthenticatedActor } from '../../services/authenticated-actor.ts';
import { listScope } from '../../services/authorization-service.ts';
import type { ServiceContext } from '../../services/context.ts';
import { departmentOf, type ScopedKind } from '../../store/department-scope.ts';
import { loadPersonFacts } from '../../store/directory-repository.ts';

/** Rows whose department (as `departmentOf` tells it) is in the actor's scope; every row for non-heads. */
export function scoped<T>(actor: AuthenticatedActor, rows: readonly T[], departmentOf: (row: T) => string | null | undefined): T[] {
  if (listScope(actor) === undefined) return [...rows];
  return rows.filter((r) => inScope(actor, departmentOf(r)));
}

/** For a head: the department of every person (a device's department is its holder's). Undefined for other roles. */
export async function peopleDepartments(ctx: ServiceContext, actor: AuthenticatedActor): Promise<Map<string, string> | undefined> {
  if (listScope(actor) === undefined) return undefined;
  return new Map([...(await loadPersonFacts(ctx.store.db))].map(([id, p]) => [id, p.department]));
}

/** For a head: rows of `kind` kept when their department (looked up one by one) is in scope. Meant for short lists. */
export async function scopedByLookup<T>(ctx: ServiceContext, actor: AuthenticatedActor, rows: readonly T[], kind: ScopedKind, idOf: (row: T) => string): Promise<T[]> {
  if (listScope(actor) === undefined) return [...rows];
  const kept: T[] = [];
  for (const r of rows) if (inScope(actor, await departmentOf(ctx.store.db, kind, idOf(r)))) kept.push(r);
  return kept;
}
