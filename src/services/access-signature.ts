/**
 * The decision cache key: what the published policies can see of a request. Two requests with the
 * same key get the same Cedar answer, so the key holds the person's membership of every entity
 * literal the policies name and the attributes they read, the system, the device facts and evidence.
 */
import { departmentChain, deviceAttrs, type DeviceFacts, type PersonFacts } from '../policy/cedar-entities.ts';
import type { AccessSnapshot } from './access-snapshot.ts';

/** The key of (person, system, device, evidence) under the snapshot's policies. Plain loops: hot path. */
export function accessSignature(s: AccessSnapshot, person: PersonFacts, systemId: string, device: DeviceFacts, evidence: string): string {
  const refs = s.refs;
  let key = `${systemId}\u0000${evidence}\u0000`;
  if (refs.opaque.size > 0) {
    // A variable used whole: only identity is safe.
    key += `#${person.id}\u0000#${device.id}\u0000`;
  } else {
    const lits = s.literals;
    if (lits.length > 0) {
      const closure = s.groups.closureOfAll(person.groups);
      const departments = departmentChain(person.department);
      for (let i = 0; i < lits.length; i++) {
        const lit = lits[i] as string;
        const sep = lit.indexOf('::');
        const type = lit.slice(0, sep);
        const id = lit.slice(sep + 2);
        let hit = false;
        if (type === 'Group') hit = closure.has(id);
        else if (type === 'Department') hit = departments.includes(id);
        else if (type === 'Person') hit = person.id === id;
        else if (type === 'Device') hit = device.id === id;
        else if (type === 'System') hit = systemId === id;
        key += hit ? '1' : '0';
      }
    }
    for (const name of refs.principalAttrs) key += `\u0001${String((person as unknown as Record<string, unknown>)[name])}`;
  }
  const attrs = deviceAttrs(device);
  for (const name in attrs) key += `\u0001${name}=${String(attrs[name])}`;
  return key;
}
