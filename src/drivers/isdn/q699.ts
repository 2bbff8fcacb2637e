// ISUP ⇄ DSS1 interworking of the PRI/BRI driver, after ITU-T Q.699 (§2 DSS1 → ISUP, §3 ISUP →
// DSS1), as data: one table per field, each row read in both directions (a row marked `toIsdn` or
// `toIsup` only is a one-way fallback). The tables are pure: the driver (isdn-driver.ts) calls the
// functions below. Q.699 was not available here; the rows follow the reference notes
// (/work/shared/reference/q931.md §6) and Q.763 / Q.931 value tables, and docs/isdn-driver.md
// lists every choice made where the notes left one open.
import {
  Layer1Protocol as Q931Layer1,
  Location,
  ProgressDescription,
  TransferCapability as Q931Capability,
  TransferRate,
  type BearerCapability,
  type CalledPartyNumber as Q931Called,
  type CallingPartyNumber as Q931Calling,
  type Cause,
  type ProgressIndicator,
  type RedirectingNumber as Q931Redirecting,
} from 'q931-codec';
import { findOptional, type CauseIndicators, type OptionalParam, type ParamValues, type UserServiceInformation } from 'ss7-isup-codec';
import type { CallInfo, InterfaceKind } from '../../isdn/q931/service.js';
import type { OnCircuit } from '../port.js';

type IsupCalled = ParamValues['calledPartyNumber'];
type IsupCalling = ParamValues['callingPartyNumber'];
type IsupRedirecting = ParamValues['redirectingNumber'];
type IsupRedirectionInfo = ParamValues['redirectionInformation'];
type Bci = ParamValues['backwardCallIndicators'];
type Fci = ParamValues['forwardCallIndicators'];

/** A row of a two-way table: `dir` limits it to one direction (a fallback for values the other side lacks). */
export interface Row<I, Q> {
  readonly isup: I;
  readonly isdn: Q;
  readonly dir?: 'toIsup' | 'toIsdn';
}

function lookup<I, Q>(rows: readonly Row<I, Q>[], isup: I): Q | undefined {
  return rows.find((r) => r.isup === isup && r.dir !== 'toIsup')?.isdn;
}
function reverse<I, Q>(rows: readonly Row<I, Q>[], isdn: Q): I | undefined {
  return rows.find((r) => r.isdn === isdn && r.dir !== 'toIsdn')?.isup;
}

/** Nature of address (Q.763 §3.9 a) ⇄ type of number (Q.931 §4.5.8 octet 3). */
export const NAI_TON: readonly Row<number, number>[] = [
  { isup: 1, isdn: 4 }, // subscriber number
  { isup: 2, isdn: 0 }, // unknown
  { isup: 3, isdn: 2 }, // national (significant) number
  { isup: 4, isdn: 1 }, // international number
  { isup: 5, isdn: 3 }, // network-specific number
  { isup: 2, isdn: 6, dir: 'toIsup' }, // abbreviated number: ISUP has none, sent as unknown
];
/** Numbering plan (Q.763 §3.9 c) ⇄ numbering plan identification (Q.931 §4.5.8 octet 3). */
export const NUMBERING_PLAN: readonly Row<number, number>[] = [
  { isup: 1, isdn: 1 }, // ISDN/telephony E.164
  { isup: 3, isdn: 3 }, // data X.121
  { isup: 4, isdn: 4 }, // telex F.69
  { isup: 5, isdn: 9 }, // private
  { isup: 1, isdn: 0, dir: 'toIsup' }, // unknown: ISUP has no such value, E.164 assumed
  { isup: 1, isdn: 8, dir: 'toIsup' }, // national standard plan: E.164 assumed
];
/** Address presentation restricted indicator (Q.763 §3.10 e) ⇄ presentation indicator (Q.931 §4.5.10 octet 3a). */
export const PRESENTATION: readonly Row<number, number>[] = [
  { isup: 0, isdn: 0 }, // allowed
  { isup: 1, isdn: 1 }, // restricted
  { isup: 2, isdn: 2 }, // number not available (due to interworking)
];
/**
 * Screening indicator (Q.763 §3.10 f) ⇄ (Q.931 §4.5.10 octet 3a). Q.699: a number the user
 * provided unscreened is screened by the network; the driver's network side applies the
 * `screenedByNetwork` row, its user side passes the value through.
 */
export const SCREENING: readonly Row<number, number>[] = [
  { isup: 0, isdn: 0 }, // user provided, not verified / not screened
  { isup: 1, isdn: 1 }, // user provided, verified and passed
  { isup: 2, isdn: 2 }, // user provided, verified and failed
  { isup: 3, isdn: 3 }, // network provided
];
export const SCREENED_BY_NETWORK: Row<number, number> = { isup: 1, isdn: 0, dir: 'toIsup' };

/**
 * Redirecting reason (Q.763 §3.45) ⇄ reason for redirection (redirecting number octet 3b, Q.952 /
 * ETSI EN 300 207-1). ISUP's two deflections are one Q.931 reason; ISUP has no "called DTE out of
 * order" nor "call forwarding by the called DTE", and DSS1 no "mobile subscriber not reachable":
 * those go as unknown.
 */
export const REDIRECTION_REASON: readonly Row<number, number>[] = [
  { isup: 0, isdn: 0 }, // unknown
  { isup: 1, isdn: 1 }, // call forwarding busy
  { isup: 2, isdn: 2 }, // call forwarding no reply
  { isup: 3, isdn: 15 }, // call forwarding unconditional
  { isup: 4, isdn: 4 }, // deflection during alerting ⇄ call deflection
  { isup: 5, isdn: 4, dir: 'toIsdn' }, // deflection immediate response
  { isup: 6, isdn: 0, dir: 'toIsdn' }, // mobile subscriber not reachable
  { isup: 0, isdn: 9, dir: 'toIsup' }, // called DTE out of order
  { isup: 0, isdn: 10, dir: 'toIsup' }, // call forwarding by the called DTE
];
/** Redirecting indicator (Q.763 §3.45 C-A): "call diverted", and the values that restrict all redirection information. */
export const CALL_DIVERTED = 3;
const ALL_RESTRICTED = new Set([2, 4]);
/** Original redirection reason (Q.763 §3.45 H-E) has no deflection or later codes: those go as unknown. */
const MAX_ORIGINAL_REASON = 3;

/** Transmission medium requirement (Q.763 §3.54) ⇄ information transfer capability (Q.931 §4.5.5 octet 3). */
export const TMR_CAPABILITY: readonly Row<number, number>[] = [
  { isup: 0, isdn: Q931Capability.SPEECH },
  { isup: 3, isdn: Q931Capability.AUDIO_3K1 },
  { isup: 2, isdn: Q931Capability.UNRESTRICTED_DIGITAL },
  { isup: 2, isdn: Q931Capability.UNRESTRICTED_DIGITAL_TONES, dir: 'toIsup' },
];

/** G.711 law of the bearer by interface: A-law on E1 and (European) BRI, µ-law on T1. */
export const G711_BY_KIND: Readonly<Record<InterfaceKind, number>> = { E1: Q931Layer1.G711_A_LAW, BRI: Q931Layer1.G711_A_LAW, T1: Q931Layer1.G711_MU_LAW };

/** ST (end of pulsing) as the codec spells it at the end of the called digits. */
const ST = 'F';

// ---------------------------------------------------------------- numbers

export function calledToIsdn(n: IsupCalled): { called: Q931Called; sendingComplete: boolean } {
  const st = n.digits.endsWith(ST);
  return {
    called: { typeOfNumber: lookup(NAI_TON, n.natureOfAddress) ?? 0, numberingPlan: lookup(NUMBERING_PLAN, n.numberingPlan) ?? 0, digits: st ? n.digits.slice(0, -1) : n.digits },
    sendingComplete: st,
  };
}

/** `sendingComplete` becomes the ST signal after the digits (en-bloc). */
export function calledToIsup(n: Q931Called, sendingComplete: boolean): IsupCalled {
  return {
    natureOfAddress: reverse(NAI_TON, n.typeOfNumber) ?? 2,
    inn: false,
    numberingPlan: reverse(NUMBERING_PLAN, n.numberingPlan) ?? 1,
    digits: `${n.digits.replace(/[^0-9*#A-E]/gi, '')}${sendingComplete ? ST : ''}`,
  };
}

export function callingToIsdn(n: IsupCalling): Q931Calling {
  const presentation = lookup(PRESENTATION, n.presentation) ?? 1;
  return {
    typeOfNumber: lookup(NAI_TON, n.natureOfAddress) ?? 0,
    numberingPlan: lookup(NUMBERING_PLAN, n.numberingPlan) ?? 0,
    presentation,
    screening: lookup(SCREENING, n.screening) ?? 0,
    // Q.763: "address not available" carries no digits
    digits: presentation === 2 ? '' : n.digits,
  };
}

/** `screen`: this side is the network, which screens a number the user provided unscreened (Q.699). */
export function callingToIsup(n: Q931Calling, screen: boolean): IsupCalling {
  const screening = n.screening ?? 0;
  return {
    natureOfAddress: reverse(NAI_TON, n.typeOfNumber) ?? 2,
    numberIncomplete: false,
    numberingPlan: reverse(NUMBERING_PLAN, n.numberingPlan) ?? 1,
    presentation: reverse(PRESENTATION, n.presentation ?? 0) ?? 0,
    screening: screen && screening === SCREENED_BY_NETWORK.isdn ? SCREENED_BY_NETWORK.isup : (reverse(SCREENING, screening) ?? 0),
    digits: n.digits,
  };
}

/**
 * Redirecting number for a SETUP from the IAM's redirecting number and redirection information:
 * presentation from the APRI (restricted too when the redirecting indicator restricts all
 * redirection information), screening "network provided" (the number comes from the network),
 * reason (octet 3b) only when the IAM has redirection information.
 */
export function redirectingToIsdn(n: IsupRedirecting, info: IsupRedirectionInfo | undefined): Q931Redirecting {
  const apri = lookup(PRESENTATION, n.presentation) ?? 1;
  const presentation = info !== undefined && ALL_RESTRICTED.has(info.redirectingIndicator) && apri === 0 ? 1 : apri;
  return {
    typeOfNumber: lookup(NAI_TON, n.natureOfAddress) ?? 0,
    numberingPlan: lookup(NUMBERING_PLAN, n.numberingPlan) ?? 0,
    presentation,
    screening: 3,
    ...(info === undefined ? {} : { reason: lookup(REDIRECTION_REASON, info.redirectingReason) ?? 0 }),
    digits: presentation === 2 ? '' : n.digits,
  };
}

/** The IAM's redirecting number and redirection information (call diverted, counter 1) for a SETUP's redirecting number. */
export function redirectingToIsup(n: Q931Redirecting): { redirectingNumber: IsupRedirecting; redirectionInformation: IsupRedirectionInfo } {
  const reason = reverse(REDIRECTION_REASON, n.reason ?? 0) ?? 0;
  return {
    redirectingNumber: {
      natureOfAddress: reverse(NAI_TON, n.typeOfNumber) ?? 2,
      numberingPlan: reverse(NUMBERING_PLAN, n.numberingPlan) ?? 1,
      presentation: reverse(PRESENTATION, n.presentation ?? 0) ?? 0,
      digits: n.digits.replace(/[^0-9*#A-E]/gi, ''),
    },
    redirectionInformation: {
      redirectingIndicator: CALL_DIVERTED,
      originalRedirectionReason: reason <= MAX_ORIGINAL_REASON ? reason : 0,
      redirectionCounter: 1,
      redirectingReason: reason,
    },
  };
}

// ---------------------------------------------------------------- bearer

/** The two G.711 laws: the gateway converts between them at the span, so the span's law is signalled. */
const G711 = new Set<number>([Q931Layer1.G711_A_LAW, Q931Layer1.G711_MU_LAW]);

/**
 * The bearer capability for an IAM: its user service information when present, else from the TMR
 * with the span's G.711 law. A G.711 layer 1 in the USI is replaced by the span's law (A-law on E1
 * and BRI, µ-law on T1): the bearer on the circuit is in the span's law whatever the SIP side
 * negotiated, as at an international A/µ-law boundary (G.711 §3, Q.699 bearer mapping).
 */
export function bearerToIsdn(tmr: number, usi: UserServiceInformation | undefined, kind: InterfaceKind): BearerCapability | undefined {
  if (usi !== undefined) {
    const protocol = usi.layer1Protocol === undefined ? undefined : G711.has(usi.layer1Protocol) ? G711_BY_KIND[kind] : usi.layer1Protocol;
    return {
      codingStandard: usi.codingStandard,
      transferCapability: usi.transferCapability,
      transferMode: usi.transferMode,
      transferRate: usi.transferRate,
      ...(usi.rateMultiplier === undefined ? {} : { rateMultiplier: usi.rateMultiplier }),
      ...(protocol === undefined ? {} : { layer1: { protocol, ...(usi.layer1More === undefined ? {} : { more: usi.layer1More }) } }),
    };
  }
  const capability = lookup(TMR_CAPABILITY, tmr);
  if (capability === undefined) return undefined;
  const audio = capability !== Q931Capability.UNRESTRICTED_DIGITAL;
  return { codingStandard: 0, transferCapability: capability, transferMode: 0, transferRate: TransferRate.KBIT_64, ...(audio ? { layer1: { protocol: G711_BY_KIND[kind] } } : {}) };
}

/** TMR and USI for a SETUP's bearer capability; undefined when ISUP cannot carry the capability (the call is rejected, cause 65). */
export function bearerToIsup(bc: BearerCapability): { tmr: number; usi: UserServiceInformation } | undefined {
  const tmr = reverse(TMR_CAPABILITY, bc.transferCapability);
  if (tmr === undefined || bc.transferRate !== TransferRate.KBIT_64) return undefined;
  return {
    tmr,
    usi: {
      codingStandard: bc.codingStandard,
      transferCapability: bc.transferCapability,
      transferMode: bc.transferMode,
      transferRate: bc.transferRate,
      ...(bc.layer1 === undefined ? {} : { layer1Protocol: bc.layer1.protocol, ...(bc.layer1.more === undefined ? {} : { layer1More: bc.layer1.more }) }),
    },
  };
}

// ---------------------------------------------------------------- cause

/** Q.850 cause: value, location, coding standard, recommendation and diagnostics carried through unchanged. */
export function causeToIsdn(c: CauseIndicators): Cause {
  return { ...c };
}
export function causeToIsup(c: Cause): CauseIndicators {
  return { ...c };
}
/** A cause this driver originates (location: public network serving the local user, or the user when on the user side). */
export function localCause(causeValue: number, side: 'network' | 'user'): Cause {
  return { codingStandard: 0, location: side === 'network' ? Location.PUBLIC_NETWORK_LOCAL : Location.USER, causeValue };
}

// ---------------------------------------------------------------- progress indicators ⇄ call indicators

/** What ISUP says about the path in ACM/CPG/ANM/CON (backward) or IAM (forward), as flags. */
export interface PathFlags {
  /** in-band information (tones, announcement) is available: OBCI in-band information indicator */
  inband: boolean;
  /** interworking encountered: BCI/FCI interworking indicator */
  interworking: boolean;
  /** the far end is not ISDN: BCI/FCI ISDN access indicator 0 */
  nonIsdn: boolean;
}

/**
 * Progress description (Q.931 §4.5.23) ⇄ path flag. #1 "call is not end-to-end ISDN; further
 * call progress information may be available in-band" sets interworking; #2 and #3 (destination /
 * origination not ISDN) clear the ISDN access indicator; #8 "in-band information now available".
 */
export const PROGRESS_FLAGS: readonly Row<keyof PathFlags, number>[] = [
  { isup: 'interworking', isdn: ProgressDescription.NOT_END_TO_END_ISDN },
  { isup: 'nonIsdn', isdn: ProgressDescription.DESTINATION_NOT_ISDN, dir: 'toIsup' },
  { isup: 'nonIsdn', isdn: ProgressDescription.ORIGINATION_NOT_ISDN, dir: 'toIsup' },
  { isup: 'inband', isdn: ProgressDescription.INBAND_AVAILABLE },
];

export const NO_FLAGS: PathFlags = { inband: false, interworking: false, nonIsdn: false };

export function flagsOfProgress(pis: readonly ProgressIndicator[] | undefined): PathFlags {
  const f = { ...NO_FLAGS };
  for (const pi of pis ?? []) {
    const flag = reverse(PROGRESS_FLAGS, pi.description);
    if (flag !== undefined) f[flag] = true;
  }
  return f;
}

/** Progress indicators for `flags`; `direction` picks #2 (backward: destination) or #3 (forward: origination) for a non-ISDN far end. */
export function progressOfFlags(flags: PathFlags, direction: 'forward' | 'backward', location: number): ProgressIndicator[] {
  const out: ProgressIndicator[] = [];
  const pi = (description: number): ProgressIndicator => ({ codingStandard: 0, location, description });
  if (flags.interworking) out.push(pi(ProgressDescription.NOT_END_TO_END_ISDN));
  if (flags.nonIsdn) out.push(pi(direction === 'backward' ? ProgressDescription.DESTINATION_NOT_ISDN : ProgressDescription.ORIGINATION_NOT_ISDN));
  if (flags.inband) out.push(pi(ProgressDescription.INBAND_AVAILABLE));
  return out;
}

/** The path flags of a backward ISUP message (ACM, CPG, CON, ANM). */
export function flagsOfBackward(bci: Bci | undefined, optional: readonly OptionalParam[]): PathFlags {
  return {
    inband: findOptional(optional, 'optionalBackwardCallIndicators')?.inbandInformation === true,
    interworking: bci?.interworking === true,
    nonIsdn: bci !== undefined && !bci.isdnAccess,
  };
}

/** The path flags of an IAM. */
export function flagsOfForward(fci: Fci): PathFlags {
  return { inband: false, interworking: fci.interworking, nonIsdn: !fci.isdnAccess };
}

export function backwardIndicators(status: 'free' | 'noIndication', flags: PathFlags): Bci {
  return {
    charge: 2,
    calledPartyStatus: status === 'free' ? 1 : 0,
    calledPartyCategory: 1,
    endToEndMethod: 0,
    interworking: flags.interworking,
    endToEndInformation: false,
    isupAllTheWay: !flags.interworking,
    holding: false,
    isdnAccess: !flags.nonIsdn,
    echoControlDevice: false,
    sccpMethod: 0,
  };
}

export function forwardIndicators(flags: PathFlags): Fci {
  return {
    international: false,
    endToEndMethod: 0,
    interworking: flags.interworking,
    endToEndInformation: false,
    isupAllTheWay: !flags.interworking,
    isupPreference: 0,
    isdnAccess: !flags.nonIsdn,
    sccpMethod: 0,
    portedNumberTranslated: false,
    queryOnReleaseAttempt: false,
  };
}

export function inbandParam(): OptionalParam {
  return { name: 'optionalBackwardCallIndicators', value: { inbandInformation: true, callDiversionMayOccur: false, simpleSegmentation: false, mlppUser: false } };
}

// ---------------------------------------------------------------- backward messages

/** The DSS1 message for a backward ISUP message (Q.699 §3), given what was sent on the call before. */
export type BackwardIsdn =
  | { readonly send: 'alerting'; readonly progress: readonly ProgressIndicator[] }
  | { readonly send: 'progress'; readonly progress: readonly ProgressIndicator[] }
  | { readonly send: 'proceeding'; readonly progress: readonly ProgressIndicator[] }
  | { readonly send: 'connect' }
  | { readonly send: 'nothing' };

/** Q.763 §3.21 event indicator. */
const EVENT = { ALERTING: 1, PROGRESS: 2, INBAND: 3 } as const;

/**
 * ACM with called party's status "subscriber free" → ALERTING; ACM "no indication" → CALL
 * PROCEEDING (PROGRESS when proceeding was sent already), carrying PI #8 when in-band information is
 * available; CPG alerting → ALERTING (PROGRESS once alerted); CPG progress / in-band → PROGRESS
 * (nothing when it has no indicator to carry); ANM, CON → CONNECT.
 */
export function backwardToIsdn(
  m: { type: 'ACM' | 'CPG' | 'ANM' | 'CON'; bci?: Bci; event?: number; optional: readonly OptionalParam[] },
  sent: { proceeding: boolean; alerting: boolean },
  location: number,
): BackwardIsdn {
  if (m.type === 'ANM' || m.type === 'CON') return { send: 'connect' };
  const flags = flagsOfBackward(m.bci, m.optional);
  if (m.type === 'CPG' && m.event === EVENT.INBAND) flags.inband = true;
  const progress = progressOfFlags(flags, 'backward', location);
  const alerting = m.type === 'ACM' ? m.bci?.calledPartyStatus === 1 : m.event === EVENT.ALERTING;
  if (alerting && !sent.alerting) return { send: 'alerting', progress };
  if (m.type === 'ACM' && !sent.proceeding) return { send: 'proceeding', progress };
  return progress.length > 0 ? { send: 'progress', progress } : { send: 'nothing' };
}

/** The ISUP message for a backward DSS1 message on an outgoing call (Q.699 §2). */
export type BackwardIsup =
  | { readonly type: 'ACM'; readonly status: 'free' | 'noIndication'; readonly flags: PathFlags }
  | { readonly type: 'CPG'; readonly event: number; readonly flags: PathFlags }
  | { readonly type: 'ANM' | 'CON' }
  | { readonly type: 'none' };

/**
 * CALL PROCEEDING → nothing, or ACM "no indication" when it carries PI #1/#2/#8; ALERTING → ACM
 * "subscriber free" (CPG alerting after an ACM); PROGRESS → ACM "no indication" (CPG progress or
 * in-band after an ACM); CONNECT → ANM after an ACM, CON before.
 */
export function backwardToIsup(kind: 'proceeding' | 'alerting' | 'progress' | 'connect', progress: readonly ProgressIndicator[] | undefined, acmSent: boolean): BackwardIsup {
  const flags = flagsOfProgress(progress);
  const any = flags.inband || flags.interworking || flags.nonIsdn;
  switch (kind) {
    case 'connect':
      return { type: acmSent ? 'ANM' : 'CON' };
    case 'alerting':
      return acmSent ? { type: 'CPG', event: EVENT.ALERTING, flags } : { type: 'ACM', status: 'free', flags };
    case 'progress':
      if (!acmSent) return { type: 'ACM', status: 'noIndication', flags };
      return any ? { type: 'CPG', event: flags.inband ? EVENT.INBAND : EVENT.PROGRESS, flags } : { type: 'none' };
    case 'proceeding':
      return any && !acmSent ? { type: 'ACM', status: 'noIndication', flags } : { type: 'none' };
  }
}

// ---------------------------------------------------------------- IAM ⇄ SETUP

/**
 * SETUP contents for an IAM (Q.699 §3.1): called number (ST → sending complete; `enBloc` sets it
 * anyway, since the port sends no SAM after an IAM without ST unless overlap is used), calling
 * number, bearer from USI or TMR, PI #1 / #3 when the call did not come ISDN all the way. Undefined
 * when the TMR has no bearer capability (the driver answers REL cause 65).
 */
export function setupFromIam(m: OnCircuit<'IAM'>, kind: InterfaceKind, enBloc: boolean): Omit<CallInfo, 'channel'> | undefined {
  const bearer = bearerToIsdn(m.params.transmissionMediumRequirement, findOptional(m.optional, 'userServiceInformation'), kind);
  if (bearer === undefined) return undefined;
  const { called, sendingComplete } = calledToIsdn(m.params.calledPartyNumber);
  const calling = findOptional(m.optional, 'callingPartyNumber');
  const redirecting = findOptional(m.optional, 'redirectingNumber');
  const progress = progressOfFlags(flagsOfForward(m.params.forwardCallIndicators), 'forward', Location.PUBLIC_NETWORK_LOCAL);
  return {
    bearer,
    called,
    ...(calling === undefined ? {} : { calling: callingToIsdn(calling) }),
    ...(redirecting === undefined ? {} : { redirecting: redirectingToIsdn(redirecting, findOptional(m.optional, 'redirectionInformation')) }),
    sendingComplete: sendingComplete || enBloc,
    ...(progress.length > 0 ? { progress } : {}),
  };
}

/** The IAM for an incoming SETUP (Q.699 §2.1), or the Q.850 cause to reject it with (65: bearer not implemented). */
export function iamFromSetup(cic: number, info: CallInfo, screen: boolean): { ok: true; iam: OnCircuit<'IAM'> } | { ok: false; cause: number } {
  const bearer = bearerToIsup(info.bearer);
  if (bearer === undefined) return { ok: false, cause: 65 };
  const flags = flagsOfProgress(info.progress);
  const optional: OptionalParam[] = [{ name: 'userServiceInformation', value: bearer.usi }];
  if (info.redirecting !== undefined) {
    const r = redirectingToIsup(info.redirecting);
    optional.unshift({ name: 'redirectingNumber', value: r.redirectingNumber }, { name: 'redirectionInformation', value: r.redirectionInformation });
  }
  if (info.calling !== undefined) optional.unshift({ name: 'callingPartyNumber', value: callingToIsup(info.calling, screen) });
  return {
    ok: true,
    iam: {
      type: 'IAM',
      cic,
      params: {
        natureOfConnectionIndicators: { satellite: 0, continuityCheck: 0, echoControlDevice: false },
        forwardCallIndicators: forwardIndicators(flags),
        callingPartysCategory: 10, // ordinary calling subscriber
        transmissionMediumRequirement: bearer.tmr,
        calledPartyNumber: calledToIsup(info.called ?? { typeOfNumber: 0, numberingPlan: 1, digits: '' }, info.sendingComplete),
      },
      optional,
    },
  };
}
