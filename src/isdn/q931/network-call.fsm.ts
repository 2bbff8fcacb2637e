// Network-side call control: Q.931 §5 (5.1 the user's outgoing call, 5.2 the call to the user,
// 5.3 clearing, 5.8.9 T309) as the Annex A network-side SDL figures draw it. States are the N
// states of §2.1.2: a call from the user passes N1-N4, a call to the user N6, N7, N9, N25.
// N8 is passed through (CONNECT received: CONNECT ACKNOWLEDGE sent, N10 entered at once) and
// N22 (call abort) is not used: see docs/isdn-q931.md.
import { defineFsm } from '../../core/fsm.js';
import { ANY_STATE, CLEARING, FAR_END_DISCONNECT, type CallAction, type CallEvent, type CallStateName, type CallTimer } from './call-states.js';

/** A DISCONNECT received by the network is a disconnect *request* of the user (N11). */
const USER_DISCONNECT = FAR_END_DISCONNECT('DisconnectRequest');

/** N8 (connect request) is passed through on this side. */
export type NetworkCallState = Exclude<CallStateName, 'ConnectRequest'>;

export const NETWORK_CALL_FSM = defineFsm<NetworkCallState, CallEvent, CallAction, CallTimer>({
  name: 'q931n',
  title: 'Q.931 network-side call control',
  ref: 'Q.931 §5.1-5.3, §5.8.9, Annex A (network side)',
  start: { event: 'new call reference', to: 'Idle' },
  states: {
    Idle: { on: { setupReq: ['CallPresent', 'sendSetup'], SETUP: ['CallInitiated', 'indicateSetup'] } },
    // N1: SETUP received from the user
    CallInitiated: {
      on: {
        ...ANY_STATE,
        setupAckReq: ['OverlapSending', 'sendSetupAck'],
        proceedingReq: ['OutgoingCallProceeding', 'sendProceeding'],
        alertingReq: ['CallDelivered', 'sendAlerting'],
        connectReq: ['Active', 'sendConnect'],
        disconnectReq: ['Null', 'rejectSetup'],
        ...USER_DISCONNECT,
      },
    },
    // N2: SETUP ACKNOWLEDGE sent, the user sends the rest of the number
    OverlapSending: {
      timers: ['T302'],
      on: {
        ...ANY_STATE,
        INFORMATION: ['OverlapSending', 'indicateInformation', { rearm: ['T302'] }],
        proceedingReq: ['OutgoingCallProceeding', 'sendProceeding'],
        alertingReq: ['CallDelivered', 'sendAlerting'],
        connectReq: ['Active', 'sendConnect'],
        progressReq: ['OverlapSending', 'sendProgress'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
        timerT302: ['DisconnectIndication', 't302Expiry'],
      },
    },
    // N3: CALL PROCEEDING sent
    OutgoingCallProceeding: {
      on: {
        ...ANY_STATE,
        alertingReq: ['CallDelivered', 'sendAlerting'],
        connectReq: ['Active', 'sendConnect'],
        progressReq: ['OutgoingCallProceeding', 'sendProgress'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
      },
    },
    // N4: ALERTING sent
    CallDelivered: {
      on: {
        ...ANY_STATE,
        connectReq: ['Active', 'sendConnect'],
        progressReq: ['CallDelivered', 'sendProgress'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
      },
    },
    // N6: SETUP sent to the user
    CallPresent: {
      timers: ['T303'],
      on: {
        ...ANY_STATE,
        SETUP_ACKNOWLEDGE: ['OverlapReceiving', 'indicateSetupAck'],
        CALL_PROCEEDING: ['IncomingCallProceeding', 'indicateProceeding'],
        ALERTING: ['CallReceived', 'indicateAlerting'],
        CONNECT: ['Active', 'acknowledgeConnect'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
        timerT303: ['CallPresent', 't303Expiry', { rearm: ['T303'] }],
        timeoutClear: ['Null', 'clearLocal'],
      },
    },
    // N25: SETUP ACKNOWLEDGE received, the network sends the rest of the number
    OverlapReceiving: {
      timers: ['T304'],
      on: {
        ...ANY_STATE,
        infoReq: ['OverlapReceiving', 'sendInformation', { rearm: ['T304'] }],
        CALL_PROCEEDING: ['IncomingCallProceeding', 'indicateProceeding'],
        ALERTING: ['CallReceived', 'indicateAlerting'],
        CONNECT: ['Active', 'acknowledgeConnect'],
        PROGRESS: ['OverlapReceiving', 'indicateProgress'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
        timerT304: ['DisconnectIndication', 't304Expiry'],
      },
    },
    // N9: CALL PROCEEDING received
    IncomingCallProceeding: {
      timers: ['T310'],
      on: {
        ...ANY_STATE,
        ALERTING: ['CallReceived', 'indicateAlerting'],
        CONNECT: ['Active', 'acknowledgeConnect'],
        PROGRESS: ['IncomingCallProceeding', 'indicateProgress'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
        timerT310: ['IncomingCallProceeding', 't310Expiry'],
        timeoutDisconnect: ['DisconnectIndication', 'sendDisconnect'],
      },
    },
    // N7: ALERTING received
    CallReceived: {
      timers: ['T301'],
      on: {
        ...ANY_STATE,
        CONNECT: ['Active', 'acknowledgeConnect'],
        PROGRESS: ['CallReceived', 'indicateProgress'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
        timerT301: ['DisconnectIndication', 't301Expiry'],
      },
    },
    // N10
    Active: {
      timers: ['T309'],
      on: {
        ...ANY_STATE,
        CONNECT_ACKNOWLEDGE: ['Active', 'indicateConnectAck'],
        PROGRESS: ['Active', 'indicateProgress'],
        INFORMATION: ['Active', 'indicateInformation'],
        ...USER_DISCONNECT,
        disconnectReq: ['DisconnectIndication', 'sendDisconnect'],
        linkLost: ['Active', undefined, { rearm: ['T309'] }],
        linkUp: ['Active', 'reportLinkUp'],
        timerT309: ['Active', 't309Expiry'],
      },
    },
    // N11: DISCONNECT received, waiting for the driver's release()
    DisconnectRequest: CLEARING.disconnectReceived,
    // N12: DISCONNECT sent
    DisconnectIndication: CLEARING.disconnectSent,
    // N19: RELEASE sent
    ReleaseRequest: CLEARING.releaseSent,
    Null: { final: true, on: {} },
  },
});
