// Q.850 cause values (Q.850 §2.2.7, Table 1) and cause classes (§2.2.5). The names were
// cross-checked against several public reproductions of Table 1; the rule that an unknown
// value is treated as the "unspecified" cause of its class is from recollection ([mem]).
import type { Source } from './source.js';

export interface CauseName extends Source {
  readonly cause: number;
  readonly text: string;
}

const c = (cause: number, text: string): CauseName => ({ cause, text, ref: 'Q.850 Table 1', basis: 'verified' });

/** Q.850 Table 1, the values in ITU-T use (national-only values left out). */
export const Q850_CAUSES: readonly CauseName[] = [
  c(1, 'Unallocated (unassigned) number'),
  c(2, 'No route to specified transit network'),
  c(3, 'No route to destination'),
  c(4, 'Send special information tone'),
  c(5, 'Misdialled trunk prefix'),
  c(6, 'Channel unacceptable'),
  c(7, 'Call awarded and being delivered in an established channel'),
  c(8, 'Preemption'),
  c(9, 'Preemption - circuit reserved for reuse'),
  c(16, 'Normal call clearing'),
  c(17, 'User busy'),
  c(18, 'No user responding'),
  c(19, 'No answer from user (user alerted)'),
  c(20, 'Subscriber absent'),
  c(21, 'Call rejected'),
  c(22, 'Number changed'),
  c(23, 'Redirection to new destination'),
  c(24, 'Call rejected due to feature at the destination'),
  c(25, 'Exchange routing error'),
  c(26, 'Non-selected user clearing'),
  c(27, 'Destination out of order'),
  c(28, 'Invalid number format (address incomplete)'),
  c(29, 'Facility rejected'),
  c(30, 'Response to STATUS ENQUIRY'),
  c(31, 'Normal, unspecified'),
  c(34, 'No circuit/channel available'),
  c(38, 'Network out of order'),
  c(39, 'Permanent frame mode connection out of service'),
  c(40, 'Permanent frame mode connection operational'),
  c(41, 'Temporary failure'),
  c(42, 'Switching equipment congestion'),
  c(43, 'Access information discarded'),
  c(44, 'Requested circuit/channel not available'),
  c(46, 'Precedence call blocked'),
  c(47, 'Resource unavailable, unspecified'),
  c(49, 'Quality of service not available'),
  c(50, 'Requested facility not subscribed'),
  c(53, 'Outgoing calls barred within CUG'),
  c(55, 'Incoming calls barred within CUG'),
  c(57, 'Bearer capability not authorized'),
  c(58, 'Bearer capability not presently available'),
  c(62, 'Inconsistency in designated outgoing access information and subscriber class'),
  c(63, 'Service or option not available, unspecified'),
  c(65, 'Bearer capability not implemented'),
  c(66, 'Channel type not implemented'),
  c(69, 'Requested facility not implemented'),
  c(70, 'Only restricted digital information bearer capability is available'),
  c(79, 'Service or option not implemented, unspecified'),
  c(81, 'Invalid call reference value'),
  c(82, 'Identified channel does not exist'),
  c(83, 'A suspended call exists, but this call identity does not'),
  c(84, 'Call identity in use'),
  c(85, 'No call suspended'),
  c(86, 'Call having the requested call identity has been cleared'),
  c(87, 'User not member of CUG'),
  c(88, 'Incompatible destination'),
  c(90, 'Non-existent CUG'),
  c(91, 'Invalid transit network selection'),
  c(95, 'Invalid message, unspecified'),
  c(96, 'Mandatory information element is missing'),
  c(97, 'Message type non-existent or not implemented'),
  c(98, 'Message not compatible with call state or message type non-existent or not implemented'),
  c(99, 'Information element / parameter non-existent or not implemented'),
  c(100, 'Invalid information element contents'),
  c(101, 'Message not compatible with call state'),
  c(102, 'Recovery on timer expiry'),
  c(103, 'Parameter non-existent or not implemented - passed on'),
  c(110, 'Message with unrecognized parameter discarded'),
  c(111, 'Protocol error, unspecified'),
  c(127, 'Interworking, unspecified'),
];

export interface CauseClass extends Source {
  readonly first: number;
  readonly last: number;
  readonly name: string;
  /** The value an unrecognised cause of the class is treated as. */
  readonly unspecified: number;
}

const CLASS_REF = { ref: 'Q.850 §2.2.5, §2.2.7', basis: 'mem' } as const;

/** Q.850 §2.2.5: the class is the three high bits of the value. */
export const CAUSE_CLASSES: readonly CauseClass[] = [
  { first: 0, last: 31, name: 'normal event', unspecified: 31, ...CLASS_REF },
  { first: 32, last: 47, name: 'resource unavailable', unspecified: 47, ...CLASS_REF },
  { first: 48, last: 63, name: 'service or option not available', unspecified: 63, ...CLASS_REF },
  { first: 64, last: 79, name: 'service or option not implemented', unspecified: 79, ...CLASS_REF },
  { first: 80, last: 95, name: 'invalid message', unspecified: 95, ...CLASS_REF },
  { first: 96, last: 111, name: 'protocol error', unspecified: 111, ...CLASS_REF },
  { first: 112, last: 127, name: 'interworking', unspecified: 127, ...CLASS_REF },
];

const TEXT = new Map(Q850_CAUSES.map((c) => [c.cause, c.text]));

/** The Q.850 name of `cause`, or `Cause N` for a value Table 1 does not list. */
export function causeText(cause: number): string {
  return TEXT.get(cause) ?? `Cause ${cause}`;
}

/** The class of a cause value 0..127. */
export function causeClass(cause: number): CauseClass {
  const found = CAUSE_CLASSES.find((c) => cause >= c.first && cause <= c.last);
  if (found === undefined) throw new RangeError(`Q.850 cause ${cause} is not 0..127`);
  return found;
}
