// Builders for the port's ISUP messages (Q.763 §4 layouts) with the usual indicator values,
// so drivers, the circuit supervision and tests spell a message once. Values follow the
// reference: Q.763 §3.5 backward call indicators, §3.12 cause indicators (Q.850), §3.21 event
// information, §3.43 range and status, §3.13 circuit group supervision message type.
import { CallingPartysCategory, CauseLocation, CodingStandard, EventIndicator, NatureOfAddress, NumberingPlan, Presentation, Screening, TransmissionMedium } from 'ss7-isup-codec';
import type { OnCircuit } from './port.js';

/** Q.763 §3.13: what a group blocking message is about. */
export type BlockingKind = 'maintenance' | 'hardware';
const SUPERVISION_TYPE: Record<BlockingKind, number> = { maintenance: 0, hardware: 1 };

export function supervisionKind(type: number): BlockingKind | undefined {
  if (type === SUPERVISION_TYPE.maintenance) return 'maintenance';
  if (type === SUPERVISION_TYPE.hardware) return 'hardware';
  return undefined;
}

export interface SetupNumbers {
  /** called party digits, national format */
  called: string;
  /** calling party digits, national format; omitted when absent */
  calling?: string;
}

/** IAM for a speech call (Q.763 Table 32). */
export function iam(cic: number, n: SetupNumbers): OnCircuit<'IAM'> {
  return {
    type: 'IAM',
    cic,
    params: {
      natureOfConnectionIndicators: { satellite: 0, continuityCheck: 0, echoControlDevice: false },
      forwardCallIndicators: {
        international: false,
        endToEndMethod: 0,
        interworking: false,
        endToEndInformation: false,
        isupAllTheWay: true,
        isupPreference: 0,
        isdnAccess: true,
        sccpMethod: 0,
        portedNumberTranslated: false,
        queryOnReleaseAttempt: false,
      },
      callingPartysCategory: CallingPartysCategory.ORDINARY,
      transmissionMediumRequirement: TransmissionMedium.SPEECH,
      calledPartyNumber: { natureOfAddress: NatureOfAddress.NATIONAL, inn: false, numberingPlan: NumberingPlan.ISDN_E164, digits: n.called },
    },
    optional:
      n.calling === undefined
        ? []
        : [
            {
              name: 'callingPartyNumber',
              value: {
                natureOfAddress: NatureOfAddress.NATIONAL,
                numberIncomplete: false,
                numberingPlan: NumberingPlan.ISDN_E164,
                presentation: Presentation.ALLOWED,
                screening: Screening.NETWORK_PROVIDED,
                digits: n.calling,
              },
            },
          ],
  };
}

/** Q.763 §3.5 called party's status: 'free' means the called party is being alerted. */
export type CalledPartyStatus = 'noIndication' | 'free';

function backwardCallIndicators(status: CalledPartyStatus): OnCircuit<'ACM'>['params']['backwardCallIndicators'] {
  return {
    charge: 2,
    calledPartyStatus: status === 'free' ? 1 : 0,
    calledPartyCategory: 1,
    endToEndMethod: 0,
    interworking: false,
    endToEndInformation: false,
    isupAllTheWay: true,
    holding: false,
    isdnAccess: true,
    echoControlDevice: false,
    sccpMethod: 0,
  };
}

function inbandIndicator(): OnCircuit<'ACM'>['optional'][number] {
  return { name: 'optionalBackwardCallIndicators', value: { inbandInformation: true, callDiversionMayOccur: false, simpleSegmentation: false, mlppUser: false } };
}

/** ACM (Q.763 Table 21); `inband` adds the optional backward call indicator "in-band information available". */
export function acm(cic: number, status: CalledPartyStatus, inband = false): OnCircuit<'ACM'> {
  return { type: 'ACM', cic, params: { backwardCallIndicators: backwardCallIndicators(status) }, optional: inband ? [inbandIndicator()] : [] };
}

/** CON: address complete and answer in one (Q.763 Table 27). */
export function con(cic: number): OnCircuit<'CON'> {
  return { type: 'CON', cic, params: { backwardCallIndicators: backwardCallIndicators('noIndication') }, optional: [] };
}

/** Q.763 §3.21 event indicator names. */
export type ProgressEvent = 'alerting' | 'progress' | 'inband';
const EVENT: Record<ProgressEvent, number> = {
  alerting: EventIndicator.ALERTING,
  progress: EventIndicator.PROGRESS,
  inband: EventIndicator.INBAND_INFORMATION,
};

/** CPG (Q.763 Table 23); the in-band event also carries the optional backward call indicator. */
export function cpg(cic: number, event: ProgressEvent): OnCircuit<'CPG'> {
  return {
    type: 'CPG',
    cic,
    params: { eventInformation: { event: EVENT[event], presentationRestricted: false } },
    optional: event === 'inband' ? [inbandIndicator()] : [],
  };
}

export function anm(cic: number): OnCircuit<'ANM'> {
  return { type: 'ANM', cic, params: {}, optional: [] };
}

/** REL with a Q.850 cause; `location` defaults to the public network serving the local user. */
export function rel(cic: number, cause: number, location: number = CauseLocation.PUBLIC_NETWORK_LOCAL): OnCircuit<'REL'> {
  return { type: 'REL', cic, params: { causeIndicators: { codingStandard: CodingStandard.ITU_T, location, causeValue: cause } }, optional: [] };
}

export function rlc(cic: number): OnCircuit<'RLC'> {
  return { type: 'RLC', cic, params: {}, optional: [] };
}

type Simple = 'BLO' | 'BLA' | 'UBL' | 'UBA' | 'RSC';
/** A supervision message without parameters (Q.763 Table 39). */
export function simple<M extends Simple>(type: M, cic: number): OnCircuit<M> {
  return { type, cic, params: {}, optional: [] } as unknown as OnCircuit<M>;
}

/** GRS for `count` consecutive circuits from `cic` (range = count − 1, no status; Q.763 §3.43). */
export function grs(cic: number, count: number): OnCircuit<'GRS'> {
  return { type: 'GRS', cic, params: { rangeAndStatus: { range: count - 1 } }, optional: [] };
}

/** GRA: status bit set = that circuit is locally blocked for maintenance at the sender. */
export function gra(cic: number, status: boolean[]): OnCircuit<'GRA'> {
  return { type: 'GRA', cic, params: { rangeAndStatus: { range: status.length - 1, status } }, optional: [] };
}

type Group = 'CGB' | 'CGBA' | 'CGU' | 'CGUA';
/** A group (un)blocking message or its acknowledgement: status bit set = circuit affected. */
export function group<M extends Group>(type: M, cic: number, kind: BlockingKind, status: boolean[]): OnCircuit<M> {
  return {
    type,
    cic,
    params: { circuitGroupSupervisionMessageType: { type: SUPERVISION_TYPE[kind] }, rangeAndStatus: { range: status.length - 1, status } },
    optional: [],
  } as unknown as OnCircuit<M>;
}

/** The called party digits of an IAM without the ST (end of pulsing) signal. */
export function calledDigits(m: OnCircuit<'IAM'>): string {
  return m.params.calledPartyNumber.digits.replace(/F$/, '');
}

/** The circuits a group message covers: the CICs whose status bit is set (all of the range when no status is sent). */
export function circuitsOf(m: { cic: number; params: { rangeAndStatus: { range: number; status?: boolean[] } } }): number[] {
  const { range, status } = m.params.rangeAndStatus;
  const out: number[] = [];
  for (let i = 0; i <= range; i++) if (status === undefined || status[i] === true) out.push(m.cic + i);
  return out;
}
