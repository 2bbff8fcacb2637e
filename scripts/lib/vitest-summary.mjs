// Turns vitest's JSON report into the one closing line CI reads.

/**
 * @typedef {{ numTotalTests: number, numPassedTests: number, numFailedTests: number,
 *   numPendingTests: number, numTodoTests: number }} VitestCounts
 */

/**
 * `vitest: N passed, M failed` plus `, K skipped` when tests were skipped or todo.
 * @param {VitestCounts} counts
 * @returns {string}
 */
export function summaryLine(counts) {
  const skipped = counts.numPendingTests + counts.numTodoTests;
  const line = `vitest: ${counts.numPassedTests} passed, ${counts.numFailedTests} failed`;
  return skipped > 0 ? `${line}, ${skipped} skipped` : line;
}

/**
 * Exit code for the run: vitest's own, but a "successful" run that executed no test fails.
 * @param {number} vitestCode
 * @param {VitestCounts | undefined} counts undefined when vitest wrote no report
 * @returns {number}
 */
export function exitCode(vitestCode, counts) {
  if (vitestCode !== 0) return vitestCode;
  return counts !== undefined && counts.numTotalTests > 0 ? 0 : 1;
}
