// Tuning of the Node.js runtime `tandem start` runs in (gateway.runtime, docs/operations.md
// "Memory"). V8 lets the JavaScript heap grow up to 4 times what its last full collection left
// live before it collects again; a gateway holding thousands of calls pays for that headroom in
// resident memory, so the growth is capped by default. Applied at run time with
// v8.setFlagsFromString: V8 reads the flag each time it sets the next collection's limit.
import { setFlagsFromString } from 'node:v8';
import type { RuntimeConfig } from '../config/index.js';

/** The V8 flags `runtime` asks for (none for what V8 does by default). */
export function runtimeFlags(runtime: RuntimeConfig): string[] {
  return runtime.heapGrowthPercent === 0 ? [] : [`--heap-growing-percent=${runtime.heapGrowthPercent}`];
}

/** Applies `runtime` to this process; returns the flags set. */
export function applyRuntime(runtime: RuntimeConfig, set: (flag: string) => void = setFlagsFromString): string[] {
  const flags = runtimeFlags(runtime);
  for (const flag of flags) set(flag);
  return flags;
}
