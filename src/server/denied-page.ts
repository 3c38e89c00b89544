/** The short page a denied browser sees: which policy, since when, what to do next. */
import type { AccessDecision } from '../services/access-decision.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** HTML for a denied request. `contact` is the officer's contact from the configuration. */
export function deniedPage(d: AccessDecision, contact: string): string {
  const policies = d.policies.map((p) => `<li><strong>${escape(p.title || p.id)}</strong> <code>${escape(p.id)}</code><br>in force since ${escape(p.deadline.slice(0, 10))}</li>`).join('');
  const what = d.failure
    ? 'Cordon could not check this request. Try again in a minute; if it keeps happening, tell the contact below.'
    : d.policies.length > 0
      ? 'This device may no longer be used for official systems. Hand it in and use the replacement device you were given; if you have none yet, ask for one.'
      : 'This request cannot be let through as it is.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access blocked</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.5rem}code{color:#555}</style>
</head><body>
<h1>Access from this device is blocked</h1>
${policies ? `<p>Blocked by:</p><ul>${policies}</ul>` : ''}
<p>Reason: ${escape(d.reason)}</p>
<p>${what}</p>
<p>Device: ${escape(d.device || 'unknown')}</p>
<p>Contact: ${escape(contact)}</p>
</body></html>
`;
}
