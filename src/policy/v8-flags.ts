/**
 * A V8 workaround, applied once before any Cedar call is optimised. V8 in Node 20 inlines JS→Wasm
 * calls into optimised JavaScript; when such a frame is lazily deoptimised while Cedar runs, V8
 * aborts the process ("Fatal error ... unreachable code" in Deoptimizer::DoComputeBuiltinContinuation,
 * on a "JS to Wasm builtin continuation frame"). Long sweeps hit it. Turning that inlining off costs
 * nothing measurable: a Cedar call is ~0.2 ms of Wasm.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-turbo-inline-js-wasm-calls');
