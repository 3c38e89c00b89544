import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { registerClassifyCommand } from './classify-command.ts';

async function run(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const program = new Command().exitOverride();
  registerClassifyCommand(program, (line) => lines.push(line));
  await program.parseAsync(['classify', ...args], { from: 'user' });
  return lines;
}

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cordon-classify-')), name);
  writeFileSync(path, text);
  return path;
}

test('classify <model> prints one readable line', async () => {
  assert.deepEqual(await run('iPhone15,2'), ['Apple  iPhone 14 Pro  ios  smartphone  (high, apple-device-identifiers)']);
});

test('an unknown model is an error that names it', async () => {
  await assert.rejects(run('Foo123'), (e: unknown) => e instanceof CordonError && e.code === 'not_found' && e.message.startsWith('`Foo123` is not in the catalogue;'));
});

test('classify --user-agent prints what the User-Agent says', async () => {
  const [line] = await run('--user-agent', 'Apple-iPhone15C2/2104.5', '--format', 'jsonl');
  assert.deepEqual(JSON.parse(line as string), { ua: 'Apple-iPhone15C2/2104.5', vendor: 'Apple', platform: 'ios', formFactor: 'smartphone', confidence: 'high' });
});

test('classify --user-agents FILE --format jsonl writes one object a line', async () => {
  const path = file('uas.txt', 'Apple-iPhone15C2/2104.5\r\n\nOutlook-Android/2.0\n');
  const rows = (await run('--user-agents', path, '--format', 'jsonl')).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(rows.length, 2);
  assert.deepEqual(Object.keys(rows[0] as object), ['ua', 'vendor', 'platform', 'formFactor', 'confidence']);
  assert.equal(rows[1]?.platform, 'android');
});

test('classify --models FILE in json and table formats, unknown rows included', async () => {
  const path = file('models.txt', 'SM-S911B\nnot a device\n');
  const [json] = await run('--models', path, '--format', 'json');
  const rows = JSON.parse(json as string) as Array<Record<string, unknown>>;
  assert.equal(rows[0]?.marketingName, 'Galaxy S23');
  assert.equal(rows[1]?.confidence, 'none');
  const table = await run('--models', path);
  assert.equal(table.length, 3);
  assert.match(table[0] as string, /^MODEL\s+VENDOR/);
});

test('bad input is an invalid_input error naming it', async () => {
  const invalid = (pattern: RegExp) => (e: unknown) => e instanceof CordonError && e.code === 'invalid_input' && pattern.test(e.message);
  await assert.rejects(run('iPhone15,2', '--format', 'xml'), invalid(/`xml`/));
  await assert.rejects(run('--models', '/nonexistent/models.txt'), invalid(/`\/nonexistent\/models.txt`/));
  await assert.rejects(run(), invalid(/exactly one/));
  await assert.rejects(run('iPhone15,2', '--user-agent', 'x'), invalid(/exactly one/));
});
