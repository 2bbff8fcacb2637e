// User-side call control: Q.931 §5 (5.1 outgoing, 5.2 incoming, 5.3 clearing, 5.8.9 T309) as
// the Annex A user-side SDL figures draw it, one row per accepted event. States are the U
// states of §2.1.1; the interface (interface.ts) handles STATUS, STATUS ENQUIRY, NOTIFY and §5.8.
import { defineFsm } from '../../core/fsm.js';
import { ANY_STATE, CLEARING, FAR_END_DISCONNECT, type CallAction, type CallEvent, type CallStateName, type CallTimer } from './call-states.js';

export const USER_CALL_FSM = defineFsm<CallStateName, CallEvent, CallAction, CallTimer>({
  name: 'q931u',
  title: 'Q.931 user-side call control',
  ref: 'Q.931 §5.1-5.3, §5.8.9, Annex A (user side)',
  start: { event: 'new call reference', to: 'Idle' },
  states: {
    Idle: { on: { setupReq: ['CallInitiated', 'sendSetup'], SETUP: ['CallPresent', 'indicateSetup'] } },
    // U1: SETUP sent
    CallInitiated: {
      timers: ['T303'],
      on: {
        ...ANY_STATE,
        SETUP_ACKNOWLEDGE: ['OverlapSending', 'indicateSetupAck'],
        CALL_PROCEEDING: ['OutgoingCallProceeding', 'indicateProceeding'],
        ALERTING: ['CallDelivered', 'indicateAlerting'],
        CONNECT: ['Active', 'acknowledgeConnect'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        timerT303: ['CallInitiated', 't303Expiry', { rearm: ['T303'] }],
        timeoutClear: ['Null', 'clearLocal'],
      },
    },
    // U2: SETUP ACKNOWLEDGE received, sending the rest of the number
    OverlapSending: {
      timers: ['T304'],
      on: {
        ...ANY_STATE,
        infoReq: ['OverlapSending', 'sendInformation', { rearm: ['T304'] }],
        CALL_PROCEEDING: ['OutgoingCallProceeding', 'indicateProceeding'],
        ALERTING: ['CallDelivered', 'indicateAlerting'],
        CONNECT: ['Active', 'acknowledgeConnect'],
        PROGRESS: ['OverlapSending', 'indicateProgress'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        timerT304: ['DisconnectRequest', 't304Expiry'],
      },
    },
    // U3: CALL PROCEEDING received
    OutgoingCallProceeding: {
      timers: ['T310'],
      on: {
        ...ANY_STATE,
        ALERTING: ['CallDelivered', 'indicateAlerting'],
        CONNECT: ['Active', 'acknowledgeConnect'],
        PROGRESS: ['OutgoingCallProceeding', 'indicateProgress'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        timerT310: ['OutgoingCallProceeding', 't310Expiry'],
        timeoutDisconnect: ['DisconnectRequest', 'sendDisconnect'],
      },
    },
    // U4: ALERTING received
    CallDelivered: {
      timers: ['T301'],
      on: {
        ...ANY_STATE,
        CONNECT: ['Active', 'acknowledgeConnect'],
        PROGRESS: ['CallDelivered', 'indicateProgress'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        timerT301: ['DisconnectRequest', 't301Expiry'],
      },
    },
    // U6: SETUP received, not answered yet
    CallPresent: {
      on: {
        ...ANY_STATE,
        setupAckReq: ['OverlapReceiving', 'sendSetupAck'],
        proceedingReq: ['IncomingCallProceeding', 'sendProceeding'],
        alertingReq: ['CallReceived', 'sendAlerting'],
        connectReq: ['ConnectRequest', 'sendConnect'],
        disconnectReq: ['Null', 'rejectSetup'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
      },
    },
    // U25: SETUP ACKNOWLEDGE sent, receiving the rest of the number
    OverlapReceiving: {
      timers: ['T302'],
      on: {
        ...ANY_STATE,
        INFORMATION: ['OverlapReceiving', 'indicateInformation', { rearm: ['T302'] }],
        proceedingReq: ['IncomingCallProceeding', 'sendProceeding'],
        alertingReq: ['CallReceived', 'sendAlerting'],
        connectReq: ['ConnectRequest', 'sendConnect'],
        progressReq: ['OverlapReceiving', 'sendProgress'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        timerT302: ['DisconnectRequest', 't302Expiry'],
      },
    },
    // U9: CALL PROCEEDING sent
    IncomingCallProceeding: {
      on: {
        ...ANY_STATE,
        alertingReq: ['CallReceived', 'sendAlerting'],
        connectReq: ['ConnectRequest', 'sendConnect'],
        progressReq: ['IncomingCallProceeding', 'sendProgress'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
      },
    },
    // U7: ALERTING sent
    CallReceived: {
      on: {
        ...ANY_STATE,
        connectReq: ['ConnectRequest', 'sendConnect'],
        progressReq: ['CallReceived', 'sendProgress'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
      },
    },
    // U8: CONNECT sent, waiting for CONNECT ACKNOWLEDGE
    ConnectRequest: {
      timers: ['T313'],
      on: {
        ...ANY_STATE,
        CONNECT_ACKNOWLEDGE: ['Active', 'indicateConnectAck'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        timerT313: ['DisconnectRequest', 't313Expiry'],
      },
    },
    // U10
    Active: {
      timers: ['T309'],
      on: {
        ...ANY_STATE,
        CONNECT_ACKNOWLEDGE: ['Active', 'indicateConnectAck'],
        PROGRESS: ['Active', 'indicateProgress'],
        INFORMATION: ['Active', 'indicateInformation'],
        ...FAR_END_DISCONNECT('DisconnectIndication'),
        disconnectReq: ['DisconnectRequest', 'sendDisconnect'],
        linkLost: ['Active', undefined, { rearm: ['T309'] }],
        linkUp: ['Active', 'reportLinkUp'],
        timerT309: ['Active', 't309Expiry'],
      },
    },
    // U11: DISCONNECT sent
    DisconnectRequest: CLEARING.disconnectSent,
    // U12: DISCONNECT received, waiting for the driver's release()
    DisconnectIndication: CLEARING.disconnectReceived,
    // U19: RELEASE sent
    ReleaseRequest: CLEARING.releaseSent,
    Null: { final: true, on: {} },
  },
});
