/** Instants cross every boundary as ISO-8601 UTC strings (`2023-03-01T00:00:00.000Z`), so they sort as text. */

export type Instant = string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Offset of `timeZone` from UTC at `utcMs`, in minutes (positive east of Greenwich). */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60000);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses an ISO-8601 date or date-time. A bare date is midnight in `timeZone` (the organisation's
 * zone); a date-time must carry its offset so that it means one instant. Returns undefined if invalid.
 */
export function parseInstant(text: string, timeZone = 'UTC'): Instant | undefined {
  const s = text.trim();
  const d = DATE_ONLY.exec(s);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const guess = Date.UTC(y, m - 1, day);
    if (new Date(guess).getUTCDate() !== day || new Date(guess).getUTCMonth() !== m - 1) return undefined;
    // Two passes settle the offset across a daylight-saving change near midnight.
    let utc = guess - zoneOffsetMinutes(guess, timeZone) * 60000;
    utc = guess - zoneOffsetMinutes(utc, timeZone) * 60000;
    return new Date(utc).toISOString();
  }
  if (!DATE_TIME.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The current instant. */
export function nowInstant(): Instant {
  return new Date().toISOString();
}

/** `instant` moved by `days` days. */
export function addDays(instant: Instant, days: number): Instant {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}
