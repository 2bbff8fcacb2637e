// Expectation lists transcribed by hand from /work/shared/reference/interworking.md (§5.1-§5.3),
// independently of the tables under src/interworking/mapping/, so that a wrong, missing or extra
// row in a table fails its test. `null`: the reference gives no status / cause ("—").

/** Reference §5.1: ISUP cause -> SIP response (RFC 3398), location not "user". Cause 22 with diagnostic (301) is not implemented. */
export const RFC3398_CAUSE_STATUS: readonly (readonly [number, number | null])[] = [
  [1, 404], [2, 404], [3, 404], [16, null], [17, 486], [18, 408], [19, 480], [20, 480], [21, 403], [22, 410], [23, 410],
  [26, 404], [27, 502], [28, 484], [29, 501], [31, 480], [34, 503], [38, 503], [41, 503], [42, 503], [47, 503],
  [55, 403], [57, 403], [58, 503], [65, 488], [70, 488], [79, 501], [87, 403], [88, 503], [102, 504], [111, 500], [127, 500],
];

/** Reference §5.1 note (+): with the cause location "user". */
export const RFC3398_CAUSE_STATUS_USER: readonly (readonly [number, number])[] = [[21, 603]];

/** Reference §5.3: Q.1912.5 cause -> status = RFC 3398 with 18 -> 480 and 25 -> 404 ([mem]); no "user" row. */
export const Q1912_CAUSE_STATUS: readonly (readonly [number, number | null])[] = [
  ...RFC3398_CAUSE_STATUS.map(([c, s]): readonly [number, number | null] => (c === 18 ? [18, 480] : [c, s])),
  [25, 404],
];

/** Reference §5.2: SIP response -> cause in REL (RFC 3398). */
export const RFC3398_STATUS_CAUSE: readonly (readonly [number, number | null])[] = [
  [400, 41], [401, 21], [402, 21], [403, 21], [404, 1], [405, 63], [406, 79], [407, 21], [408, 102], [410, 22],
  [413, 127], [414, 127], [415, 79], [416, 127], [420, 127], [421, 127], [423, 127], [480, 18], [481, 41], [482, 25],
  [483, 25], [484, 28], [485, 1], [486, 17], [487, null], [488, null], [500, 41], [501, 79], [502, 38], [503, 41],
  [504, 102], [505, 127], [513, 127], [600, 17], [603, 21], [604, 1], [606, null],
];

/** Reference §5.3: Q.1912.5 status -> cause; the listed 4xx/5xx/6xx not otherwise named give 127. */
export const Q1912_STATUS_CAUSE: readonly (readonly [number, number])[] = [
  [404, 1], [410, 22], [433, 21], [480, 20], [483, 25], [484, 28], [485, 1], [486, 17], [600, 17], [603, 21], [604, 1],
  ...[400, 401, 402, 403, 405, 406, 407, 408, 413, 414, 415, 416, 420, 421, 423, 481, 482, 487, 488, 493, 500, 501, 502, 503, 504, 505, 513, 580, 606].map(
    (s): readonly [number, number] => [s, 127],
  ),
];

/** Statuses s with cause(s) mapping back to s in RFC 3398 (worked out by hand from the two lists). */
export const RFC3398_FIXED_POINTS: readonly number[] = [403, 404, 410, 484, 486, 501, 503, 504, 603];
