// Q.931 call states (§2.1.1 user side, §2.1.2 network side) and the events both call tables
// accept. The same state names serve both sides; the number is the call state IE value (§4.5.7).
import type { Edge, TimerEvent } from '../../core/fsm.js';

export type CallStateName =
  | 'Idle'
  | 'CallInitiated'
  | 'OverlapSending'
  | 'OutgoingCallProceeding'
  | 'CallDelivered'
  | 'CallPresent'
  | 'CallReceived'
  | 'ConnectRequest'
  | 'IncomingCallProceeding'
  | 'Active'
  | 'DisconnectRequest'
  | 'DisconnectIndication'
  | 'ReleaseRequest'
  | 'OverlapReceiving'
  | 'Null';

/** Call state values (Idle: the machine before its first event, reported as 0). */
export const CALL_STATE_NUMBER: Readonly<Record<CallStateName, number>> = {
  Idle: 0,
  Null: 0,
  CallInitiated: 1,
  OverlapSending: 2,
  OutgoingCallProceeding: 3,
  CallDelivered: 4,
  CallPresent: 6,
  CallReceived: 7,
  ConnectRequest: 8,
  IncomingCallProceeding: 9,
  Active: 10,
  DisconnectRequest: 11,
  DisconnectIndication: 12,
  ReleaseRequest: 19,
  OverlapReceiving: 25,
};

/** Received messages that reach the call tables (others are handled by the interface, §5.8). */
export type CallMessageEvent =
  | 'SETUP'
  | 'SETUP_ACKNOWLEDGE'
  | 'CALL_PROCEEDING'
  | 'ALERTING'
  | 'PROGRESS'
  | 'CONNECT'
  | 'CONNECT_ACKNOWLEDGE'
  | 'DISCONNECT'
  | 'RELEASE'
  | 'RELEASE_COMPLETE'
  | 'INFORMATION';

/** Requests of the driver. */
export type CallRequestEvent =
  | 'setupReq'
  | 'setupAckReq'
  | 'proceedingReq'
  | 'alertingReq'
  | 'progressReq'
  | 'connectReq'
  | 'infoReq'
  | 'disconnectReq'
  | 'releaseReq';

/**
 * Internal events: abort (clear at once: data link lost, RESTART, STATUS with call state 0);
 * linkLost / linkUp (T309, §5.8.9); timeoutClear (a timer's last expiry); timeoutDisconnect
 * (T310 or T322 expired and the call is to be cleared with DISCONNECT).
 */
export type CallInternalEvent = 'abort' | 'linkLost' | 'linkUp' | 'timeoutClear' | 'timeoutDisconnect';

export type CallEvent = CallMessageEvent | CallRequestEvent | CallInternalEvent;

export type CallTimer = 'T301' | 'T302' | 'T303' | 'T304' | 'T305' | 'T308' | 'T309' | 'T310' | 'T313';

export type CallAction =
  | 'sendSetup'
  | 'indicateSetup'
  | 'sendSetupAck'
  | 'sendProceeding'
  | 'sendAlerting'
  | 'sendProgress'
  | 'sendConnect'
  | 'sendInformation'
  | 'sendDisconnect'
  | 'sendRelease'
  | 'rejectSetup'
  | 'indicateSetupAck'
  | 'indicateProceeding'
  | 'indicateAlerting'
  | 'indicateProgress'
  | 'indicateConnect'
  | 'acknowledgeConnect'
  | 'indicateConnectAck'
  | 'indicateInformation'
  | 'indicateDisconnect'
  | 'answerRelease'
  | 'completeRelease'
  | 'releaseCollision'
  | 'releaseCompleted'
  | 'clearLocal'
  | 'reportLinkUp'
  | 't301Expiry'
  | 't302Expiry'
  | 't303Expiry'
  | 't304Expiry'
  | 't305Expiry'
  | 't308Expiry'
  | 't309Expiry'
  | 't310Expiry'
  | 't313Expiry';

export type CallEdges<S extends string = CallStateName> = { readonly [K in CallEvent | TimerEvent<CallTimer>]?: Edge<S, CallAction, CallTimer> };

/**
 * Edges every state after Idle shares (§5.3, §5.8.3): RELEASE COMPLETE ends the call in any state;
 * RELEASE is answered with RELEASE COMPLETE; abort clears the call at once.
 */
export const ANY_STATE: CallEdges<'Null'> = {
  RELEASE_COMPLETE: ['Null', 'releaseCompleted'],
  RELEASE: ['Null', 'answerRelease'],
  abort: ['Null', 'clearLocal'],
};

/** The clearing edges of the states where the far end may still send DISCONNECT (§5.3.4). */
export const FAR_END_DISCONNECT = <S extends CallStateName>(to: S): CallEdges<S> => ({ DISCONNECT: [to, 'indicateDisconnect'] });

/** A state's declaration in both call tables (same shape as the engine's StateDecl). */
export interface CallStateDecl {
  readonly on: CallEdges<'Null' | 'ReleaseRequest'>;
  readonly timers?: readonly CallTimer[];
}

/**
 * The clearing states, the same on both sides of the interface (§5.3) though Q.931 names them
 * from each side's view: DISCONNECT sent is U11 "disconnect request" on the user side and N12
 * "disconnect indication" on the network side; DISCONNECT received is U12 / N11. Both tables use
 * these declarations under their own state names.
 */
export const CLEARING = {
  /** DISCONNECT sent (T305): RELEASE or RELEASE COMPLETE ends it; a crossing DISCONNECT is answered with RELEASE */
  disconnectSent: {
    timers: ['T305'],
    on: {
      RELEASE_COMPLETE: ['Null', 'releaseCompleted'],
      RELEASE: ['Null', 'completeRelease'],
      abort: ['Null', 'clearLocal'],
      DISCONNECT: ['ReleaseRequest', 'sendRelease'],
      timerT305: ['ReleaseRequest', 't305Expiry'],
    },
  },
  /** DISCONNECT received, waiting for the driver's release() */
  disconnectReceived: {
    on: {
      ...ANY_STATE,
      releaseReq: ['ReleaseRequest', 'sendRelease'],
      disconnectReq: ['ReleaseRequest', 'sendRelease'],
      RELEASE: ['Null', 'completeRelease'],
    },
  },
  /** U19 / N19: RELEASE sent (T308, repeated once) */
  releaseSent: {
    timers: ['T308'],
    on: {
      RELEASE_COMPLETE: ['Null', 'releaseCompleted'],
      RELEASE: ['Null', 'releaseCollision'],
      abort: ['Null', 'clearLocal'],
      timerT308: ['ReleaseRequest', 't308Expiry', { rearm: ['T308'] }],
      timeoutClear: ['Null', 'clearLocal'],
    },
  },
} as const satisfies Record<string, CallStateDecl>;
