// One expensive run (a tshark pass over every frame) shared by all tests of a describe block.
import { beforeAll } from 'vitest';

/**
 * Runs `run` once before the block's tests (within `timeout` ms) and returns a reader of its
 * result. A failure (tshark missing, ...) is kept and rethrown by every reader, so that each test
 * fails with its message instead of being skipped.
 */
export function beforeAllOnce<T>(run: () => T, timeout: number): () => T {
  let result: { ok: true; value: T } | { ok: false; error: Error } | undefined;
  beforeAll(() => {
    try {
      result = { ok: true, value: run() };
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
    }
  }, timeout);
  return () => {
    if (result === undefined) throw new Error('read before the beforeAll run (outside a test?)');
    if (!result.ok) throw result.error;
    return result.value;
  };
}
