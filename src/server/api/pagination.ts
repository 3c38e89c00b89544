/**
 * Cursor pagination over a list a service returned (already limited to the caller's departments):
 * sorted by a chosen field then id, a page of `limit`, and an opaque cursor that resumes strictly
 * after the last item even when records are added meanwhile.
 */
import { Type, type TSchema } from 'typebox';
import { CordonError } from '../../core/errors.ts';

/** Query parameters every list takes. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'items per page (1–1000)' })),
  cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'the nextCursor of the previous page' })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'sort direction (default asc)' })),
};

/** The envelope of every list: the page and the cursor of the next one (null on the last page). */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** A sort parameter allowing `fields` (the first is the default). */
export function SortQuery<const F extends readonly [string, ...string[]]>(fields: F) {
  return Type.Optional(Type.Union(fields.map((f) => Type.Literal(f)), { description: `sort field: ${fields.join(', ')} (default ${fields[0]})` }));
}

type Key = string | number | null;
interface CursorState { s: string; o: 'asc' | 'desc'; k: Key; id: string }

const compare = (a: Key, b: Key): number => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
};

function decode(cursor: string): CursorState {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof c.s === 'string' && (c.o === 'asc' || c.o === 'desc') && typeof c.id === 'string') return c;
  } catch {
    // falls through to the error below
  }
  throw new CordonError('invalid_input', `cursor \`${cursor.slice(0, 40)}\` is not one this API issued; start again without it`);
}

/** One page of `rows`, sorted by `sortKey(row)` then `idOf(row)`. */
export function paginate<T>(
  rows: readonly T[], q: { limit?: number; cursor?: string; order?: 'asc' | 'desc'; sort?: string },
  idOf: (row: T) => string, sortKey: (row: T, field: string) => Key, defaultSort: string,
): { items: T[]; nextCursor: string | null } {
  const sort = q.sort ?? defaultSort;
  const order = q.order ?? 'asc';
  const limit = q.limit ?? 100;
  const dir = order === 'asc' ? 1 : -1;
  const keyed = rows.map((r) => ({ r, k: sortKey(r, sort), id: idOf(r) }));
  keyed.sort((a, b) => dir * (compare(a.k, b.k) || compare(a.id, b.id)));
  let start = 0;
  if (q.cursor !== undefined && q.cursor !== '') {
    const c = decode(q.cursor);
    if (c.s !== sort || c.o !== order) throw new CordonError('invalid_input', 'the cursor belongs to another sort order; keep sort and order the same while paging');
    start = keyed.findIndex((x) => dir * (compare(x.k, c.k) || compare(x.id, c.id)) > 0);
    if (start < 0) start = keyed.length;
  }
  const page = keyed.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start + limit < keyed.length && last !== undefined;
  const nextCursor = more ? Buffer.from(JSON.stringify({ s: sort, o: order, k: last.k, id: last.id } satisfies CursorState)).toString('base64url') : null;
  return { items: page.map((x) => x.r), nextCursor };
}
