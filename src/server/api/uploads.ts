/**
 * Files for services that read paths: an uploaded file streamed to a private temporary folder (never
 * held in memory), or text written there, handed to the service, and removed afterwards.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { CordonError } from '../../core/errors.ts';

/** A name safe to create in our folder that still tells the user which file a problem is in. */
function safeName(filename: string | undefined, fallback: string): string {
  const base = basename((filename ?? '').replace(/\\/g, '/')).replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 100);
  return base === '' || base.startsWith('.') ? fallback : base;
}

async function inTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cordon-upload-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Streams the one file of a multipart request to disk and runs `use` with its path. */
export async function withUploadedFile<T>(req: FastifyRequest, limitBytes: number, use: (path: string) => Promise<T>): Promise<T> {
  if (!req.isMultipart()) throw new CordonError('invalid_input', 'send the file as multipart/form-data in a field named `file` (curl -F file=@devices.csv)');
  const part = await req.file({ limits: { fileSize: limitBytes, files: 1, fields: 0 } }).catch(unreadable);
  if (!part) throw new CordonError('invalid_input', 'the request holds no file; send it in a multipart field named `file`');
  return inTempDir(async (dir) => {
    const path = join(dir, safeName(part.filename, 'upload'));
    await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 })).catch(unreadable);
    if (part.file.truncated) throw tooLarge(limitBytes);
    return use(path);
  });
}

/** The upload limit was passed: 413, reported as `invalid_input` by the error handler. */
function tooLarge(limitBytes: number): Error {
  return Object.assign(new Error(`the file is larger than ${limitBytes} bytes; split it or ask the administrator to raise the upload limit`), { statusCode: 413, code: 'FST_REQ_FILE_TOO_LARGE' });
}

/** A multipart body that cannot be parsed is the client's fault; keep Fastify's own 4xx errors as they are. */
function unreadable(err: Error & { statusCode?: number }): never {
  if (err.statusCode !== undefined && err.statusCode < 500) throw err;
  throw new CordonError('invalid_input', `the multipart body could not be read (${err.message}); send one file in a field named \`file\``);
}

/** Writes `text` as `name` in a temporary folder and runs `use` with its path. */
export async function withTextFile<T>(name: string | undefined, fallback: string, text: string, use: (path: string) => Promise<T>): Promise<T> {
  return inTempDir(async (dir) => {
    const path = join(dir, safeName(name, fallback));
    await writeFile(path, text, { flag: 'wx', mode: 0o600 });
    return use(path);
  });
}
