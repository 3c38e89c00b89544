/** The `cordon` command: thin shells over the services. */
import { Command, CommanderError } from 'commander';
import { CONFIG_VARIABLES } from '../config.ts';
import { CordonError, formatProblem } from '../core/errors.ts';
import { registerAuditCommands } from './commands/audit-command.ts';
import { registerClassifyCommand } from './commands/classify-command.ts';
import { registerDemoCommand } from './commands/demo-command.ts';
import { registerExemptionCommands } from './commands/exemption-command.ts';
import { registerImportCommands } from './commands/import-command.ts';
import { registerDeviceCommands } from './commands/device-command.ts';
import { registerPolicyCommands } from './commands/policy-command.ts';
import { registerSweepCommands } from './commands/sweep-command.ts';
import { registerCaseCommands } from './commands/case-command.ts';
import { registerCatalogCommands } from './commands/catalog-command.ts';
import { registerPolicyImpactCommand } from './commands/policy-impact-command.ts';
import { registerReportCommands } from './commands/report-command.ts';
import { registerStockCommands } from './commands/stock-command.ts';
import { registerCaCommands } from './commands/ca-command.ts';
import { registerEnrollmentCommands } from './commands/enrollment-command.ts';
import { registerProxyConfigCommand } from './commands/proxy-config-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerSystemCommands } from './commands/system-command.ts';
import { registerUserCommands } from './commands/user-command.ts';
import { registerTokenCommands } from './commands/token-command.ts';
import { processIo, type CliIo } from './output.ts';

const MAX_PROBLEMS_SHOWN = 50;

/** Builds the command tree writing to `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('cordon')
    .description('Cordon makes a device ban real: directory, inventory, Cedar ban policies with deadlines, compliance sweeps.')
    .option('--db <url>', 'database URL (default: CORDON_DATABASE_URL, else sqlite:./cordon.db)')
    .option('--actor <name>', 'who is acting, for the audit log (default: CORDON_ACTOR, else the OS user)')
    .addHelpText('after', `\nEnvironment:\n${Object.entries(CONFIG_VARIABLES).map(([k, v]) => `  ${k}  ${v}`).join('\n')}`)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError();
  registerImportCommands(program, io);
  const device = registerDeviceCommands(program, io);
  registerEnrollmentCommands(device, io);
  registerSystemCommands(program, io);
  registerCaCommands(program, io);
  registerServeCommand(program, io);
  registerProxyConfigCommand(program, io);
  const policy = registerPolicyCommands(program, io);
  registerPolicyImpactCommand(policy, io);
  registerSweepCommands(program, io);
  registerExemptionCommands(program, io);
  registerCatalogCommands(program, io);
  registerStockCommands(program, io);
  registerCaseCommands(program, io);
  registerReportCommands(program, io);
  registerAuditCommands(program, io);
  registerUserCommands(program, io);
  registerTokenCommands(program, io);
  registerDemoCommand(program, io);
  registerClassifyCommand(program, io.out);
  for (const cmd of program.commands) applyExitOverride(cmd, io);
  return program;
}

function applyExitOverride(cmd: Command, io: CliIo): void {
  cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  for (const sub of cmd.commands) applyExitOverride(sub, io);
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code: 0 done, 1 failed, 2 bad input. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof CordonError) {
      io.err(`error: ${err.message}`);
      err.problems.slice(0, MAX_PROBLEMS_SHOWN).forEach((p) => io.err(formatProblem(p)));
      if (err.problems.length > MAX_PROBLEMS_SHOWN) io.err(`... and ${err.problems.length - MAX_PROBLEMS_SHOWN} more`);
      return ['invalid_input', 'import_invalid', 'policy_invalid', 'not_found', 'config_invalid'].includes(err.code) ? 2 : 1;
    }
    io.err(`error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}
