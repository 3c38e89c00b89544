/** Turns Cedar's source offsets (bytes of UTF-8) into the line:column people and editors use. */

/** 1-based line and column (in characters) of UTF-8 byte offset `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = Buffer.from(text, 'utf8').subarray(0, Math.max(offset, 0)).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: [...(lines[lines.length - 1] ?? '')].length + 1 };
}
