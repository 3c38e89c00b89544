/** What makes a password acceptable, and e-mail addresses in the one form accounts store. Pure. */

/** Shortest password accepted. Length beats composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted: bounds the work one sign-in can cause. */
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = new Set([
  'password1234', 'passwordpassword', '123456789012', '1234567890123', 'qwertyuiop12', 'qwertyuiopasdf', '111111111111',
  'administrator', 'letmein12345', 'iloveyou1234', 'changeme1234', 'welcome12345', 'cordoncordon', 'qwerty123456',
]);

/** Why `password` is not acceptable for the account `email`, or undefined when it is. Never repeats the password. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.trim() === '') return 'the password is empty; choose one of at least 12 characters';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `the password has ${length} characters; use at least ${MIN_PASSWORD_LENGTH} (a few unrelated words work well)`;
  if (length > MAX_PASSWORD_LENGTH) return `the password has ${length} characters; use at most ${MAX_PASSWORD_LENGTH}`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'the password repeats too few characters; use at least 5 different ones';
  const local = email.split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local.toLowerCase()))) return 'the password contains the e-mail address; choose one that does not';
  if (COMMON.has(lower)) return 'the password is among the most common ones; choose another';
  return undefined;
}

/** An e-mail address trimmed and lower-cased, or undefined when it is not one. */
export function normalizeEmail(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  return e.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(e) ? e : undefined;
}
