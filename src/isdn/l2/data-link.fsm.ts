// Q.921 data link procedures for one TEI (SAPI 0): the states of Q.921 §5 and the SDL of Annex B
// (Figures B.3 to B.8), states 1 to 8. One row per accepted event; the action names the SDL
// procedure. Decisions of the SDL (P/F bit, RC = N200, N(R) valid) are made before the event is
// fired, so each decision outcome is its own event (data-link.ts, classify()). T200 and T203 are
// started, stopped and restarted by the actions, as the SDL does, so the table arms no timers:
// their expiries arrive as the events 'T200 expiry' and 'T203 expiry'.
import { defineFsm, type Edge } from '../../core/fsm.js';

export type DlState =
  | 'TEI unassigned' // 1
  | 'assign awaiting TEI' // 2
  | 'establish awaiting TEI' // 3
  | 'TEI assigned' // 4
  | 'awaiting establishment' // 5
  | 'awaiting release' // 6
  | 'multiple frame established' // 7
  | 'timer recovery'; // 8

export type DlEvent =
  | 'DL-ESTABLISH request'
  | 'DL-RELEASE request'
  | 'DL-DATA request'
  | 'DL-UNIT DATA request'
  | 'MDL-ASSIGN request'
  | 'MDL-REMOVE request'
  | 'MDL-ERROR response'
  | 'persistent deactivation'
  | 'T200 expiry'
  | 'T200 expiry, RC = N200'
  | 'T203 expiry'
  | 'SABME'
  | 'DISC'
  | 'UA F=1'
  | 'UA F=0'
  | 'DM F=1'
  | 'DM F=0'
  | 'FRMR'
  | 'I'
  | 'RR'
  | 'RNR'
  | 'REJ'
  /** timer recovery: an RR, RNR or REJ response with F=1 and a valid N(R) */
  | 'enquiry response F=1'
  /** multiple frame established, timer recovery: an I or S frame with an N(R) outside V(A)..V(S) */
  | 'N(R) error';

export type DlAction =
  | 'requestTei'
  | 'queueUnitData'
  | 'queueData'
  | 'teiAssigned'
  | 'teiAssignedEstablish'
  | 'teiFailed'
  | 'teiRemoved'
  | 'establishDataLink'
  | 'queueAndEstablish'
  | 'setLayer3Initiated'
  | 'releaseConfirm'
  | 'sendDmF'
  | 'sendUaF'
  | 'dmIfPoll'
  | 'mdlErrorUa'
  | 'mdlErrorDmF1'
  | 'acceptSabme'
  | 'uaEstablished'
  | 'dmRefused'
  | 'retransmitSabme'
  | 'establishFailed'
  | 'abortEstablish'
  | 'deactivated'
  | 'retransmitDisc'
  | 'releaseFailed'
  | 'releaseRequest'
  | 'queueAndTransmit'
  | 'startTimerRecovery'
  | 'peerReestablished'
  | 'peerReleased'
  | 'dmReestablish'
  | 'frmrReestablish'
  | 'receiveI'
  | 'receiveRR'
  | 'receiveRNR'
  | 'receiveREJ'
  | 'nrErrorRecovery'
  | 'transmitEnquiry'
  | 'recoveryFailed'
  | 'enquiryAnswered'
  | 'receiveSInRecovery'
  | 'receiveIInRecovery';

type E = Edge<DlState, DlAction, never>;

/** The rows states 7 and 8 share (Annex B Figures B.7 and B.8). */
const established = {
  'DL-ESTABLISH request': ['awaiting establishment', 'establishDataLink'],
  'DL-RELEASE request': ['awaiting release', 'releaseRequest'],
  SABME: ['multiple frame established', 'peerReestablished'],
  DISC: ['TEI assigned', 'peerReleased'],
  'DM F=0': ['awaiting establishment', 'dmReestablish'],
  FRMR: ['awaiting establishment', 'frmrReestablish'],
  'N(R) error': ['awaiting establishment', 'nrErrorRecovery'],
  'MDL-REMOVE request': ['TEI unassigned', 'teiRemoved'],
  'persistent deactivation': ['TEI assigned', 'deactivated'],
} as const satisfies { readonly [K in DlEvent]?: E };

export const DATA_LINK_FSM = defineFsm<DlState, DlEvent, DlAction, never>({
  name: 'q921',
  title: 'Q.921 data link procedures (one TEI, SAPI 0)',
  ref: 'Q.921 §5, Annex B',
  start: { event: 'data link created', to: 'TEI unassigned' },
  states: {
    'TEI unassigned': {
      on: {
        'MDL-ASSIGN request': ['TEI assigned', 'teiAssigned'],
        'DL-ESTABLISH request': ['establish awaiting TEI', 'requestTei'],
        'DL-DATA request': ['establish awaiting TEI', 'requestTei'],
        'DL-UNIT DATA request': ['assign awaiting TEI', 'requestTei'],
        'DL-RELEASE request': ['TEI unassigned', 'releaseConfirm'],
        'MDL-REMOVE request': ['TEI unassigned'],
        'persistent deactivation': ['TEI unassigned'],
      },
    },
    'assign awaiting TEI': {
      on: {
        'MDL-ASSIGN request': ['TEI assigned', 'teiAssigned'],
        'MDL-ERROR response': ['TEI unassigned', 'teiFailed'],
        'DL-ESTABLISH request': ['establish awaiting TEI'],
        'DL-DATA request': ['establish awaiting TEI', 'queueData'],
        'DL-UNIT DATA request': ['assign awaiting TEI', 'queueUnitData'],
        'DL-RELEASE request': ['assign awaiting TEI', 'releaseConfirm'],
        'persistent deactivation': ['TEI unassigned', 'teiFailed'],
      },
    },
    'establish awaiting TEI': {
      on: {
        'MDL-ASSIGN request': ['awaiting establishment', 'teiAssignedEstablish'],
        'MDL-ERROR response': ['TEI unassigned', 'teiFailed'],
        'DL-ESTABLISH request': ['establish awaiting TEI'],
        'DL-DATA request': ['establish awaiting TEI', 'queueData'],
        'DL-UNIT DATA request': ['establish awaiting TEI', 'queueUnitData'],
        'DL-RELEASE request': ['assign awaiting TEI', 'releaseConfirm'],
        'persistent deactivation': ['TEI unassigned', 'teiFailed'],
      },
    },
    'TEI assigned': {
      on: {
        'DL-ESTABLISH request': ['awaiting establishment', 'establishDataLink'],
        'DL-DATA request': ['awaiting establishment', 'queueAndEstablish'],
        'DL-RELEASE request': ['TEI assigned', 'releaseConfirm'],
        SABME: ['multiple frame established', 'acceptSabme'],
        DISC: ['TEI assigned', 'sendDmF'],
        'UA F=1': ['TEI assigned', 'mdlErrorUa'],
        'UA F=0': ['TEI assigned', 'mdlErrorUa'],
        'DM F=1': ['TEI assigned'],
        'DM F=0': ['TEI assigned'],
        // "unsolicited" commands with P=1 are answered DM F=1 (§5.4.1.2 note, Figure B.3)
        I: ['TEI assigned', 'dmIfPoll'],
        RR: ['TEI assigned', 'dmIfPoll'],
        RNR: ['TEI assigned', 'dmIfPoll'],
        REJ: ['TEI assigned', 'dmIfPoll'],
        FRMR: ['TEI assigned'],
        'MDL-REMOVE request': ['TEI unassigned', 'teiRemoved'],
        'persistent deactivation': ['TEI assigned'],
      },
    },
    'awaiting establishment': {
      on: {
        SABME: ['awaiting establishment', 'sendUaF'],
        'UA F=1': ['multiple frame established', 'uaEstablished'],
        'UA F=0': ['awaiting establishment', 'mdlErrorUa'],
        'DM F=1': ['TEI assigned', 'dmRefused'],
        'DM F=0': ['awaiting establishment'],
        DISC: ['awaiting establishment', 'sendDmF'],
        'T200 expiry': ['awaiting establishment', 'retransmitSabme'],
        'T200 expiry, RC = N200': ['TEI assigned', 'establishFailed'],
        'DL-ESTABLISH request': ['awaiting establishment', 'setLayer3Initiated'],
        'DL-DATA request': ['awaiting establishment', 'queueData'],
        'DL-RELEASE request': ['TEI assigned', 'abortEstablish'],
        I: ['awaiting establishment'],
        RR: ['awaiting establishment'],
        RNR: ['awaiting establishment'],
        REJ: ['awaiting establishment'],
        FRMR: ['awaiting establishment'],
        'MDL-REMOVE request': ['TEI unassigned', 'teiRemoved'],
        'persistent deactivation': ['TEI assigned', 'deactivated'],
      },
    },
    'awaiting release': {
      on: {
        SABME: ['awaiting release', 'sendDmF'],
        DISC: ['awaiting release', 'sendUaF'],
        'UA F=1': ['TEI assigned', 'releaseConfirm'],
        'UA F=0': ['awaiting release', 'mdlErrorUa'],
        'DM F=1': ['TEI assigned', 'releaseConfirm'],
        'DM F=0': ['awaiting release'],
        'T200 expiry': ['awaiting release', 'retransmitDisc'],
        'T200 expiry, RC = N200': ['TEI assigned', 'releaseFailed'],
        'DL-ESTABLISH request': ['awaiting release'],
        'DL-DATA request': ['awaiting release'],
        'DL-RELEASE request': ['awaiting release'],
        I: ['awaiting release'],
        RR: ['awaiting release'],
        RNR: ['awaiting release'],
        REJ: ['awaiting release'],
        FRMR: ['awaiting release'],
        'MDL-REMOVE request': ['TEI unassigned', 'teiRemoved'],
        'persistent deactivation': ['TEI assigned', 'releaseConfirm'],
      },
    },
    'multiple frame established': {
      on: {
        ...established,
        'DL-DATA request': ['multiple frame established', 'queueAndTransmit'],
        'T200 expiry': ['timer recovery', 'startTimerRecovery'],
        'T203 expiry': ['timer recovery', 'startTimerRecovery'],
        'UA F=1': ['multiple frame established', 'mdlErrorUa'],
        'UA F=0': ['multiple frame established', 'mdlErrorUa'],
        'DM F=1': ['multiple frame established', 'mdlErrorDmF1'],
        I: ['multiple frame established', 'receiveI'],
        RR: ['multiple frame established', 'receiveRR'],
        RNR: ['multiple frame established', 'receiveRNR'],
        REJ: ['multiple frame established', 'receiveREJ'],
      },
    },
    'timer recovery': {
      on: {
        ...established,
        'DL-DATA request': ['timer recovery', 'queueData'],
        'T200 expiry': ['timer recovery', 'transmitEnquiry'],
        'T200 expiry, RC = N200': ['awaiting establishment', 'recoveryFailed'],
        'UA F=1': ['timer recovery', 'mdlErrorUa'],
        'UA F=0': ['timer recovery', 'mdlErrorUa'],
        'DM F=1': ['timer recovery', 'mdlErrorDmF1'],
        'enquiry response F=1': ['multiple frame established', 'enquiryAnswered'],
        I: ['timer recovery', 'receiveIInRecovery'],
        RR: ['timer recovery', 'receiveSInRecovery'],
        RNR: ['timer recovery', 'receiveSInRecovery'],
        REJ: ['timer recovery', 'receiveSInRecovery'],
      },
    },
  },
});
