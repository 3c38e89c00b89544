/** Streams the rows of a device file (CSV of any supported format, or JSON lines) as field lookups. */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { CordonError, type Problem } from '../core/errors.ts';
import { csvRecords, fieldCountProblem } from './csv-file.ts';
import { DEVICE_FIELDS, IDENTIFYING_FIELDS, type DeviceField, type FormatSpec } from './inventory-formats.ts';
import { DecodingError, decodingStream } from './text-decoding.ts';

/** One row of a device file. */
export interface DeviceRecord {
  line: number;
  /** The trimmed value of a field, '' when absent. */
  get(field: DeviceField): string;
  /** 1-based column of a field, for problem locations (undefined for JSON lines). */
  column(field: DeviceField): number | undefined;
}

/** What a file's header resolved to. */
interface Resolved { index: Map<DeviceField, number>; problems: Problem[] }

function resolveHeader(file: string, line: number, header: string[], spec: FormatSpec, mapped: ReadonlySet<DeviceField>): Resolved {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = new Map<DeviceField, number>();
  const problems: Problem[] = [];
  for (const field of DEVICE_FIELDS) {
    const candidates = spec.columns[field] ?? [];
    const at = candidates.map((c) => names.indexOf(c.toLowerCase())).find((i) => i >= 0);
    if (at !== undefined) index.set(field, at);
    else if (mapped.has(field)) {
      problems.push({ file, line, message: `column \`${candidates[0]}\` (given to --map ${field}=) is not in the file`, hint: `the file's columns are: ${header.join(', ')}` });
    }
  }
  if (spec.strict) {
    const known = new Set(Object.values(spec.columns).flat().map((c) => c.toLowerCase()));
    names.forEach((n, i) => {
      if (!known.has(n)) problems.push({ file, line, column: i + 1, message: `unknown column \`${header[i]}\``, hint: `the columns are: ${DEVICE_FIELDS.join(',')}; or name yours with --map field=Column` });
    });
  }
  if (problems.length === 0 && !IDENTIFYING_FIELDS.some((f) => index.has(f))) {
    problems.push({ file, line, message: `no column identifies a device (looked for ${IDENTIFYING_FIELDS.flatMap((f) => spec.columns[f] ?? []).map((c) => `\`${c}\``).join(', ')})`, hint: 'check --format, or name the serial number column with --map serial=Column' });
  }
  if (problems.length === 0 && !index.has('model') && !index.has('model_id')) {
    problems.push({ file, line, message: `no column gives the model (looked for ${[...(spec.columns.model ?? []), ...(spec.columns.model_id ?? [])].map((c) => `\`${c}\``).join(', ')})`, hint: 'name it with --map model=Column' });
  }
  return { index, problems };
}

async function* csvDeviceRecords(path: string, spec: FormatSpec, mapped: ReadonlySet<DeviceField>, problems: Problem[], onBytes?: (bytes: number) => void): AsyncGenerator<DeviceRecord> {
  const file = basename(path);
  let width = -1;
  let index = new Map<DeviceField, number>();
  for await (const { line, record } of csvRecords(path, problems, onBytes)) {
    if (width < 0) {
      const resolved = resolveHeader(file, line, record, spec, mapped);
      problems.push(...resolved.problems);
      if (resolved.problems.length > 0) return;
      width = record.length;
      index = resolved.index;
      continue;
    }
    if (record.length !== width) {
      problems.push(fieldCountProblem(file, line, record.length, width));
      continue;
    }
    const fields = index;
    yield {
      line,
      get: (f) => {
        const i = fields.get(f);
        return i === undefined ? '' : (record[i] ?? '').trim();
      },
      column: (f) => {
        const i = fields.get(f);
        return i === undefined ? undefined : i + 1;
      },
    };
  }
  if (width < 0 && problems.length === 0) problems.push({ file, line: 1, message: 'the file is empty', hint: 'the first line must be the header' });
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v).trim();
}

async function* jsonlDeviceRecords(path: string, spec: FormatSpec, problems: Problem[], onBytes?: (bytes: number) => void): AsyncGenerator<DeviceRecord> {
  const file = basename(path);
  const input = createReadStream(path);
  if (onBytes) input.on('data', (chunk) => onBytes(chunk.length));
  const decoded = input.pipe(decodingStream(file));
  input.on('error', (err) => decoded.destroy(err));
  const lines = createInterface({ input: decoded, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        problems.push({ file, line, message: `this line is not JSON: ${(err as Error).message}`, hint: 'write one JSON object a line; a truncated line is not valid JSON' });
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ file, line, message: 'this line is not a JSON object', hint: 'write one object a line, e.g. {"serial":"F2LXK1","model":"iPhone15,2"}' });
        continue;
      }
      const obj = value as Record<string, unknown>;
      const keys = new Map(Object.keys(obj).map((k) => [k.toLowerCase(), k]));
      const keyOf = (f: DeviceField) => (spec.columns[f] ?? []).map((c) => keys.get(c.toLowerCase())).find((k) => k !== undefined);
      yield { line, get: (f) => { const k = keyOf(f); return k === undefined ? '' : cell(obj[k]); }, column: () => undefined };
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'ENOENT') throw new CordonError('invalid_input', `file \`${path}\` does not exist; check the path`);
    if (e.code === 'EISDIR') throw new CordonError('invalid_input', `\`${path}\` is a folder; give the path of a file`);
    problems.push(err instanceof DecodingError ? err.problem : { file, line, message: `the file cannot be read: ${e.message}` });
  }
}

/** Rows of `path` in format `spec`; structural problems (encoding, header, quoting, field counts) go to `problems`. */
export function deviceRecords(path: string, spec: FormatSpec, mapped: ReadonlySet<DeviceField>, problems: Problem[], onBytes?: (bytes: number) => void): AsyncGenerator<DeviceRecord> {
  return spec.format === 'jsonl' ? jsonlDeviceRecords(path, spec, problems, onBytes) : csvDeviceRecords(path, spec, mapped, problems, onBytes);
}
