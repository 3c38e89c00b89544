/** Streams a CSV file row by row, checking its header, and locates every problem by file, line and column. */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { CordonError, type Problem } from '../core/errors.ts';

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

/** Reads `path`, calling `onRow` for each data row; header and structural problems go to `problems`. */
export async function readCsv(path: string, shape: CsvShape, problems: Problem[], onRow: (row: CsvRow) => void): Promise<void> {
  const file = basename(path);
  const known = [...shape.required, ...(shape.optional ?? [])];
  let header: string[] | undefined;
  let index = new Map<string, number>();
  const input = createReadStream(path);
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
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
        problems.push({ file, line, column: Math.min(record.length, header.length) + 1, message: `this row has ${record.length} fields, the header has ${header.length}`, hint: 'quote values that contain commas, and check for a missing or extra separator' });
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((h, i) => (values[h] = record[i] ?? ''));
      onRow({ line, values, column: (name) => (index.get(name) ?? 0) + 1 });
    }
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number };
    if (e.code === 'ENOENT') throw new CordonError('invalid_input', `file \`${path}\` does not exist; check the path`);
    if (e.code === 'EISDIR') throw new CordonError('invalid_input', `\`${path}\` is a folder; give the path of a CSV file`);
    problems.push({ file, line: e.lines, message: `the file is not valid CSV: ${e.message}`, hint: 'check the quoting near this line' });
  }
  if (!header && problems.length === 0) problems.push({ file, line: 1, message: 'the file is empty', hint: `the first line must be the header: ${shape.required.join(',')}` });
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
