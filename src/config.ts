/** The one place that reads the environment. Every problem is reported at once. */
import { userInfo } from 'node:os';
import { CordonError, type Problem } from './core/errors.ts';
import { isValidTimeZone } from './core/time.ts';

/** Cordon's configuration. */
export interface Config {
  /** `CORDON_DATABASE_URL`: `sqlite:./cordon.db` (default) or `postgres://user@host/db`. */
  databaseUrl: string;
  /** `CORDON_TIMEZONE`: the organisation's IANA time zone; a bare date in a policy is midnight there. Default UTC. */
  timeZone: string;
  /** `CORDON_ACTOR`: who the CLI acts as in the audit log. Default: the OS user. */
  actor: string;
  /** `CORDON_OFFICER_CONTACT`: who a blocked official should contact, shown on the access-denied page. */
  officerContact: string;
  /** `CORDON_TRUSTED_PROXIES`: addresses/CIDRs whose identity and certificate headers `cordon serve` believes. */
  trustedProxies: string;
  /** `CORDON_IDENTITY_HEADER`: the header the single sign-on proxy puts the person id or e-mail in. */
  identityHeader: string;
}

/** Documentation of every variable, printed by `cordon --help` and kept in `.env.example`. */
export const CONFIG_VARIABLES = {
  CORDON_DATABASE_URL: 'database URL: sqlite:./cordon.db (default) or postgres://user@host:5432/db[?schema=name]',
  CORDON_TIMEZONE: 'IANA time zone of the organisation (default UTC); a bare date in @effective/@deadline is midnight there',
  CORDON_ACTOR: 'name recorded as the actor of CLI changes in the audit log (default: the OS user)',
  CORDON_OFFICER_CONTACT: 'who a blocked official should contact, shown on the access-denied page (default: "your security officer")',
  CORDON_TRUSTED_PROXIES: 'addresses/CIDRs whose identity and certificate headers cordon serve believes (default 127.0.0.0/8,::1)',
  CORDON_IDENTITY_HEADER: 'header carrying the signed-in person id or e-mail, set by the SSO proxy (default X-Remote-User)',
} as const;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Reads and checks `env`; throws one error listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: Problem[] = [];
  const databaseUrl = env.CORDON_DATABASE_URL?.trim() || 'sqlite:./cordon.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push({ message: `CORDON_DATABASE_URL \`${databaseUrl}\` is neither sqlite:PATH nor postgres://...`, hint: 'e.g. sqlite:./cordon.db or postgres://cordon@127.0.0.1:5432/cordon' });
  }
  const timeZone = env.CORDON_TIMEZONE?.trim() || 'UTC';
  if (!isValidTimeZone(timeZone)) problems.push({ message: `CORDON_TIMEZONE \`${timeZone}\` is not an IANA time zone`, hint: 'e.g. Europe/Moscow or UTC' });
  const actor = env.CORDON_ACTOR?.trim() || `cli:${osUser()}`;
  const officerContact = env.CORDON_OFFICER_CONTACT?.trim() || 'your security officer';
  const trustedProxies = env.CORDON_TRUSTED_PROXIES?.trim() || '127.0.0.0/8,::1';
  const identityHeader = env.CORDON_IDENTITY_HEADER?.trim() || 'X-Remote-User';
  if (!/^[A-Za-z0-9-]+$/.test(identityHeader)) problems.push({ message: `CORDON_IDENTITY_HEADER \`${identityHeader}\` is not a header name`, hint: 'e.g. X-Remote-User' });
  if (problems.length > 0) throw new CordonError('config_invalid', 'the configuration is invalid', problems);
  return { databaseUrl, timeZone, actor, officerContact, trustedProxies, identityHeader };
}
