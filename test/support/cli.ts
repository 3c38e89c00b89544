/** Runs the CLI in-process with captured output, as a user would type it. */
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/output.ts';

/** Exit code and output of one `cordon ...` invocation. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `cordon <args>` with `env` (CORDON_* variables) and returns what it printed. */
export async function cordon(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false, env: { CORDON_TIMEZONE: 'UTC', ...env } };
  const code = await main(['node', 'cordon', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
