/** Typed errors with a stable code. Services throw these; the CLI and the server map codes to exits and statuses. */

export type ErrorCode =
  | 'invalid_input'
  | 'import_invalid'
  | 'policy_invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'config_invalid'
  | 'store_unavailable'
  | 'audit_broken'
  | 'stock_exhausted'
  | 'unauthenticated'
  | 'rate_limited';

/** One problem found in a user's input, located as precisely as we can. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

/** Renders a problem as `file:line:column: message (hint)`, the form editors and terminals link. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  return `${where ? `${where}: ` : ''}${p.message}${p.hint ? `\n  hint: ${p.hint}` : ''}`;
}

/** An error a user can act on: a stable code, a message naming their input, and the problems found. */
export class CordonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'CordonError';
  }
}

/** Shorthand for the most common error: something named by the user does not exist. */
export function notFound(kind: string, id: string, hint: string): CordonError {
  return new CordonError('not_found', `${kind} \`${id}\` does not exist; ${hint}`);
}
