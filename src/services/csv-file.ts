/** Streams a CSV file row by row, checking its header, and locates every problem by file, line and column. */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { CordonError, type Problem } from '../core/errors.ts';
import { DecodingError, decodingStream } from './text-decoding.ts';

/** One data row: its values by column name, and where it came from. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
  /** 1-based column number of a named column, for problem locations. */
  column(name: string): number;
}

/** The columns a file must and may have. */
export interface CsvShape {
  required: readonly string[];
  optional?: readonly string[];
}

/** One parsed record (header included) and the line it starts on. */
export interface CsvRecord {
  line: number;
  record: string[];
}

function ioError(path: string, err: Error & { code?: string }): CordonError | undefined {
  if (err.code === 'ENOENT') return new CordonError('invalid_input', `file \`${path}\` does not exist; check the path`);
  if (err.code === 'EISDIR') return new CordonError('invalid_input', `\`${path}\` is a folder; give the path of a CSV file`);
  if (err.code === 'EACCES') return new CordonError('invalid_input', `file \`${path}\` cannot be read; check its permissions`);
  return undefined;
}

/**
 * Every record of a CSV file, decoded (UTF-8, or UTF-16 with a BOM) and streamed. A file that cannot
 * be decoded or parsed ends the records with one problem naming the line; a missing file throws.
 */
export async function* csvRecords(path: string, problems: Problem[], onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord> {
  const file = basename(path);
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) input.on('data', (chunk) => onBytes(chunk.length));
  const decoder = decodingStream(file);
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  input.on('error', (err) => decoder.destroy(err));
  decoder.on('error', (err) => parser.destroy(err));
  input.pipe(decoder).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, record };
    }
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number };
    const thrown = ioError(path, e);
    if (thrown) throw thrown;
    if (err instanceof DecodingError) problems.push(err.problem);
    else problems.push({ file, line: e.lines, message: `the file is not valid CSV: ${e.message}`, hint: 'check the quoting near this line; a file cut short ends inside a quoted value' });
  } finally {
    input.destroy();
  }
}

/** Reads `path`, calling `onRow` for each data row; header and structural problems go to `problems`. */
export async function readCsv(path: string, shape: CsvShape, problems: Problem[], onRow: (row: CsvRow) => void): Promise<void> {
  const file = basename(path);
  const known = [...shape.required, ...(shape.optional ?? [])];
  let header: string[] | undefined;
  let index = new Map<string, number>();
  for await (const { line, record } of csvRecords(path, problems)) {
    if (!header) {
      header = record.map((h) => h.toLowerCase());
      index = new Map(header.map((h, i) => [h, i]));
      header.forEach((h, i) => {
        if (!known.includes(h)) problems.push({ file, line, column: i + 1, message: `unknown column \`${record[i]}\``, hint: `the columns are: ${known.join(',')}` });
      });
      const missing = shape.required.filter((c) => !index.has(c));
      if (missing.length > 0) problems.push({ file, line, column: 1, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}`, hint: `the header must be: ${shape.required.join(',')}` });
      if (problems.length > 0) return;
      continue;
    }
    if (record.length !== header.length) {
      problems.push(fieldCountProblem(file, line, record.length, header.length));
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = record[i] ?? ''));
    onRow({ line, values, column: (name) => (index.get(name) ?? 0) + 1 });
  }
  if (!header && problems.length === 0) problems.push({ file, line: 1, message: 'the file is empty', hint: `the first line must be the header: ${shape.required.join(',')}` });
}

/** The problem of a row whose field count differs from the header's (a truncated or mis-quoted line). */
export function fieldCountProblem(file: string, line: number, fields: number, expected: number): Problem {
  return { file, line, column: Math.min(fields, expected) + 1, message: `this row has ${fields} fields, the header has ${expected}`, hint: 'quote values that contain commas, and check for a missing or extra separator (a truncated line has too few)' };
}

/** Throws the problems of a rejected import, saying that nothing was written. */
export function rejectImport(path: string, problems: Problem[]): never {
  const n = problems.length;
  throw new CordonError('import_invalid', `\`${basename(path)}\` has ${n} problem${n > 1 ? 's' : ''}; nothing was imported. Fix ${n > 1 ? 'them' : 'it'} and import again.`, problems);
}

/** Splits a `;`-separated list cell into trimmed, non-empty items. */
export function splitList(cell: string): string[] {
  return cell.split(';').map((s) => s.trim()).filter((s) => s !== '');
}
