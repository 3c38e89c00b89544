/** `cordon classify`: what a model identifier, model name or User-Agent is, one at a time or a file a line at a time. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { classifyModel, classifyUserAgent, type ModelClassification, type UaClassification } from '../../catalog/index.ts';
import { CordonError } from '../../core/errors.ts';
import { table } from '../output.ts';

type Format = 'json' | 'jsonl' | 'table';
const FORMATS: readonly Format[] = ['json', 'jsonl', 'table'];

interface ClassifyOptions {
  userAgent?: string;
  userAgents?: string;
  models?: string;
  vendor?: string;
  os?: string;
  format: string;
}

/** One row of output, in the shape the jsonl contract names. */
type Row = Record<string, string | null>;

function uaRow(c: UaClassification): Row {
  return { ua: c.ua, vendor: c.vendor ?? null, platform: c.platform, formFactor: c.formFactor, confidence: c.confidence };
}

function modelRow(model: string, c: ModelClassification | undefined): Row {
  return {
    model,
    vendor: c?.vendor ?? null,
    marketingName: c?.marketingName ?? null,
    platform: c?.platform ?? null,
    formFactor: c?.formFactor ?? null,
    confidence: c?.confidence ?? 'none',
    source: c?.source ?? null,
  };
}

/** The readable one-line form: `Apple  iPhone 14 Pro  ios  smartphone  (high, apple-device-identifiers)`. */
function modelLine(c: ModelClassification): string {
  return `${c.vendor}  ${c.marketingName}  ${c.platform}  ${c.formFactor}  (${c.confidence}, ${c.source})`;
}

function uaLine(c: UaClassification): string {
  const parts = [c.vendor, c.model, c.platform, c.formFactor, c.osVersion].filter((p): p is string => Boolean(p));
  return `${parts.join('  ')}  (${c.confidence}${c.note ? `, ${c.note}` : ''})`;
}

function parseFormat(value: string): Format {
  if (!FORMATS.includes(value as Format)) {
    throw new CordonError('invalid_input', `format \`${value}\` is not supported; use one of ${FORMATS.join(', ')}`);
  }
  return value as Format;
}

/** Streams the non-blank lines of a file, failing with a message that names the file. */
async function* lines(file: string, option: string): AsyncGenerator<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new CordonError('invalid_input', `\`${file}\` (given to ${option}) is not a readable file; pass the path of a text file with one entry a line`);
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of reader) {
    const text = line.replace(/^\uFEFF/, '').trim();
    if (text !== '') yield text;
  }
}

/** Writes rows as they come for jsonl; collects them for json and table, which need them all. */
async function emit(rows: AsyncIterable<Row>, format: Format, out: (line: string) => void): Promise<void> {
  const all: Row[] = [];
  for await (const row of rows) {
    if (format === 'jsonl') out(JSON.stringify(row));
    else all.push(row);
  }
  if (format === 'json') out(JSON.stringify(all, null, 2));
  if (format === 'table' && all.length > 0) table(all, Object.keys(all[0] as Row)).forEach((l) => out(l));
}

async function* classifyUaFile(file: string): AsyncGenerator<Row> {
  for await (const ua of lines(file, '--user-agents')) yield uaRow(classifyUserAgent(ua));
}

async function* classifyModelFile(file: string, vendor: string | undefined, os: string | undefined): AsyncGenerator<Row> {
  for await (const model of lines(file, '--models')) yield modelRow(model, classifyModel({ model, ...(vendor ? { vendor } : {}), ...(os ? { os } : {}) }));
}

async function run(model: string | undefined, opts: ClassifyOptions, out: (line: string) => void): Promise<void> {
  const format = parseFormat(opts.format);
  const given = [model, opts.userAgent, opts.userAgents, opts.models].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new CordonError('invalid_input', 'give exactly one of `<model>`, `--user-agent UA`, `--user-agents FILE` or `--models FILE`');
  }
  if (opts.userAgents !== undefined) return emit(classifyUaFile(opts.userAgents), format, out);
  if (opts.models !== undefined) return emit(classifyModelFile(opts.models, opts.vendor, opts.os), format, out);
  if (opts.userAgent !== undefined) {
    const c = classifyUserAgent(opts.userAgent);
    out(format === 'table' ? uaLine(c) : JSON.stringify(format === 'json' ? c : uaRow(c)));
    return;
  }
  const query = { model: model as string, ...(opts.vendor ? { vendor: opts.vendor } : {}), ...(opts.os ? { os: opts.os } : {}) };
  const found = classifyModel(query);
  if (!found) {
    throw new CordonError('not_found', `\`${query.model}\` is not in the catalogue; check the identifier (e.g. \`iPhone15,2\`, \`SM-S911B\`), add \`--vendor\`, or record the device's platform and form factor by hand`);
  }
  out(format === 'table' ? modelLine(found) : JSON.stringify(format === 'json' ? found : modelRow(query.model, found)));
}

/** Adds `classify` to the program; output goes only through `out`. */
export function registerClassifyCommand(program: Command, out: (line: string) => void): void {
  program
    .command('classify')
    .description('classify a model identifier or name, a User-Agent, or a file of either (one a line)')
    .argument('[model]', 'model identifier or name, e.g. "iPhone15,2" or "SM-S911B"')
    .option('--user-agent <ua>', 'classify one User-Agent string')
    .option('--user-agents <file>', 'classify a file of User-Agents, one a line')
    .option('--models <file>', 'classify a file of model identifiers or names, one a line')
    .option('--vendor <vendor>', 'vendor as reported, to tell apart models that share a code')
    .option('--os <os>', 'operating system as reported (e.g. "HarmonyOS 4")')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .action((model: string | undefined, opts: ClassifyOptions) => run(model, opts, out));
}
