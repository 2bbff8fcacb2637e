// Strings kept for a call's whole life. The SIP parser hands out header values, tags and
// Call-IDs as slices of the received message text (V8 makes a "sliced string" of any substring of
// 13 characters or more, pointing into its parent), so one such string kept by a long call keeps
// the whole message text alive. ownString() returns a copy that owns its characters.

/** V8 copies substrings shorter than this instead of slicing them (SlicedString::kMinLength). */
const SLICE_MIN = 13;

/** `s` as a string of its own, so that keeping it does not keep the text it was cut from. */
export function ownString(s: string): string {
  // JSON round trip: the one cheap built-in path that always yields a fresh flat string
  // (repeat(1), concat, template literals and slice all return a slice of the same parent).
  return s.length < SLICE_MIN ? s : (JSON.parse(JSON.stringify(s)) as string);
}
