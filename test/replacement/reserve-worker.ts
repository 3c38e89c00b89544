/** A separate `cordon` process that waits for a common start instant, then runs its arguments: a real race. */
import { main } from '../../src/cli/main.ts';

const startAt = Number(process.env.CORDON_TEST_START_AT ?? 0);
const wait = startAt - Date.now();
if (wait > 0) await new Promise((r) => setTimeout(r, wait));
process.exitCode = await main(process.argv);
