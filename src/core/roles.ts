/**
 * Roles and what each may do: the permission matrix the CLI's accounts and the HTTP API share.
 * Pure: no I/O. A `head` is further limited to the departments they head (and below).
 */

/** The roles an account can have. */
export const ROLES = ['admin', 'officer', 'asset', 'head', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting, as authorization sees them. `departments` matters only for `head`. */
export interface ActorRecord {
  id: string;
  email: string;
  role: Role;
  departments: readonly string[];
}

const ALL: readonly Role[] = ROLES;
const READERS: readonly Role[] = ['admin', 'officer', 'asset', 'head', 'auditor'];
const STAFF_READERS: readonly Role[] = ['admin', 'officer', 'asset', 'auditor'];

/**
 * Every capability and the roles that hold it. Actions are named by capability, not by route,
 * so that the CLI, the API and the docs speak of the same thing. Order is the order of the docs table.
 */
export const PERMISSIONS = {
  'directory.read': READERS,
  'device.read': READERS,
  'finding.read': READERS,
  'case.read': READERS,
  'exemption.read': READERS,
  'report.read': READERS,
  'policy.read': READERS,
  'catalog.read': READERS,
  'stock.read': STAFF_READERS,
  'system.read': STAFF_READERS,
  'ca.read': STAFF_READERS,
  'user.read': ['admin', 'officer', 'auditor'],
  'audit.read': ['admin', 'officer', 'auditor'],
  'import.write': ['admin', 'asset'],
  'device.enroll': ['admin', 'asset'],
  'catalog.write': ['admin', 'asset'],
  'stock.write': ['admin', 'asset'],
  'case.write': ['admin', 'asset', 'head'],
  'policy.preview': ['admin', 'officer'],
  'policy.publish': ['admin', 'officer'],
  'sweep.run': ['admin', 'officer'],
  'exemption.request': ['admin', 'officer', 'head'],
  'exemption.decide': ['admin', 'officer'],
  'system.write': ['admin', 'officer'],
  'ca.manage': ['admin'],
  'user.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/** A capability, e.g. `policy.publish`. */
export type Action = keyof typeof PERMISSIONS;

/** Every action, in matrix order. */
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/**
 * Actions on department-owned data (people, devices, findings, cases, exemptions, reports): a head
 * holds them only within their departments. Other roles are never scoped.
 */
export const DEPARTMENT_SCOPED: ReadonlySet<Action> = new Set<Action>([
  'directory.read', 'device.read', 'finding.read', 'case.read', 'case.write', 'exemption.read', 'report.read', 'exemption.request',
]);

/** True when `value` names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `value` names an action. */
export function isAction(value: string): value is Action {
  return Object.hasOwn(PERMISSIONS, value);
}

/** A department path in canonical form: segments trimmed, empty segments dropped (`" A//B/ "` → `A/B`). */
export function normalizeDepartmentPath(path: string): string {
  return path.split('/').map((s) => s.trim()).filter((s) => s !== '').join('/');
}

/**
 * True when `departmentPath` is one of the actor's departments or below one of them. Path segments
 * are compared whole: `Tver2` is not below `Tver`. Non-heads are never limited.
 */
export function inScope(actor: Pick<ActorRecord, 'role' | 'departments'>, departmentPath: string | null | undefined): boolean {
  if (actor.role !== 'head') return true;
  if (departmentPath === null || departmentPath === undefined) return false;
  const path = normalizeDepartmentPath(departmentPath);
  if (path === '') return false;
  return actor.departments.some((d) => {
    const root = normalizeDepartmentPath(d);
    return root !== '' && (path === root || path.startsWith(`${root}/`));
  });
}

/** The department subtrees the actor is limited to, or undefined when they see every department. */
export function departmentScope(actor: Pick<ActorRecord, 'role' | 'departments'>): readonly string[] | undefined {
  return actor.role === 'head' ? actor.departments.map(normalizeDepartmentPath).filter((d) => d !== '') : undefined;
}

/**
 * May `actor` perform `action`? Without a resource this is the route-level question (a head passes
 * for scoped actions, and lists must then be filtered by `departmentScope`). With a resource, a head
 * also needs the resource's department in scope; a resource with no department is out of every scope.
 */
export function can(actor: Pick<ActorRecord, 'role' | 'departments'>, action: Action, resource?: { department: string | null }): boolean {
  if (!(PERMISSIONS[action] as readonly Role[]).includes(actor.role)) return false;
  if (resource === undefined || !DEPARTMENT_SCOPED.has(action)) return true;
  return inScope(actor, resource.department);
}

/** Roles, for help texts: `admin, officer, asset, head, auditor`. */
export const ROLE_LIST = ALL.join(', ');
