/** Decodes a file's bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused with its line. */
import { Transform, type TransformCallback } from 'node:stream';
import type { Problem } from '../core/errors.ts';

/** An error that carries the problem to report (file, line, message, hint). */
export class DecodingError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** Index of the first byte that is not valid UTF-8 in `buf`, or -1 (a sequence cut at the end counts as valid). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return -1;
      if (((buf[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Length of an incomplete UTF-8 sequence at the end of `buf` (0 to 3 bytes), kept for the next chunk. */
function incompleteTail(buf: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back] as number;
    if ((b & 0xc0) === 0x80) continue;
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > back ? back : 0;
  }
  return 0;
}

function countNewlines(buf: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (buf[i] === 0x0a) n++;
  return n;
}

/**
 * A transform from bytes to text. UTF-16 is recognised only by its byte-order mark (Google's device
 * export is UTF-16LE with a BOM); without one, the bytes must be UTF-8, and NUL bytes are refused
 * because they mean UTF-16 without a BOM or a binary file.
 */
export function decodingStream(file: string): Transform {
  let decoder: TextDecoder | undefined;
  let utf8 = true;
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  const fail = (at: number, message: string, hint: string) => new DecodingError({ file, line: at, message, hint });
  return new Transform({
    readableObjectMode: true,
    transform(input: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      let chunk = carry.length > 0 ? Buffer.concat([carry, input]) : input;
      if (!decoder) {
        if (chunk[0] === 0xff && chunk[1] === 0xfe) decoder = new TextDecoder('utf-16le');
        else if (chunk[0] === 0xfe && chunk[1] === 0xff) decoder = new TextDecoder('utf-16be');
        else decoder = new TextDecoder('utf-8');
        utf8 = decoder.encoding === 'utf-8';
      }
      if (utf8) {
        const tail = incompleteTail(chunk);
        carry = chunk.subarray(chunk.length - tail);
        chunk = chunk.subarray(0, chunk.length - tail);
        const nul = chunk.indexOf(0);
        const bad = firstInvalidUtf8(chunk);
        if (nul >= 0 && (bad < 0 || nul < bad)) {
          return done(fail(line + countNewlines(chunk, nul), 'the file contains NUL bytes: it is UTF-16 without a byte-order mark, or not a text file', 'save it as UTF-8 (or UTF-16 with a BOM) CSV'));
        }
        if (bad >= 0) {
          return done(fail(line + countNewlines(chunk, bad), `the file is not UTF-8 (byte 0x${(chunk[bad] as number).toString(16).padStart(2, '0')} is not valid UTF-8)`, 'save it as UTF-8 CSV (or UTF-16 with a BOM); legacy code pages such as Windows-1251 are not accepted'));
        }
        line += countNewlines(chunk, chunk.length);
      }
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done: TransformCallback) {
      if (carry.length > 0) return done(fail(line, 'the file ends in the middle of a UTF-8 character', 'the file is truncated or not UTF-8: export it again'));
      const rest = decoder?.decode() ?? '';
      done(null, rest === '' ? undefined : rest);
    },
  });
}
