// The SIP side of a gateway call: the peer's configuration, its cause policy (table, overrides,
// Reason switch) and mapping settings, and its ISUP bodies. SIP-I and SIP-T peers get the ISUP
// message of every SIP message that has one (RFC 3204 part); plain peers never get one, and their
// ISUP parts are not read. An ISUP part that cannot be used in a message Tandem cannot refuse (a
// response, a BYE already answered) is logged and the header mapping is used instead.
import type { CauseIndicators, IsupMessage, IsupMessageOf, MessageName } from 'ss7-isup-codec';
import type { PeerConfig } from '../../config/index.js';
import { ok, type Result } from '../../core/result.js';
import { parseReason, readList, type Reason, type SipMessage } from '../../sip/message/index.js';
import type { OutgoingPart, ReceivedBody } from '../../sip/ua/index.js';
import { causePolicy, type CausePolicy, type PeerMapping } from '../mapping/index.js';
import { isupPart, readIsupBody, type IsupBodyConfig, type IsupRefusal } from '../sipi/index.js';
import { releaseMessage } from './circuit-leg.js';
import type { CallLogger, MappingOptions } from './options.js';
import { mappingFor } from './routing.js';

/**
 * The cause policy and mapping of a peer, worked out once per configuration and mapping options
 * (neither changes while calls use them) and shared by the peer's calls.
 */
const derived = new WeakMap<PeerConfig, { readonly options: MappingOptions | undefined; readonly policy: CausePolicy; readonly mapping: PeerMapping }>();

function derive(config: PeerConfig, options: MappingOptions | undefined): { readonly policy: CausePolicy; readonly mapping: PeerMapping } {
  const known = derived.get(config);
  if (known !== undefined && known.options === options) return known;
  const made = { options, policy: causePolicy(config), mapping: mappingFor(options, config.name, config) };
  derived.set(config, made);
  return made;
}

export class SipPeer {
  readonly config: PeerConfig;
  readonly policy: CausePolicy;
  readonly mapping: PeerMapping;
  /** The ISUP body settings of a SIP-I or SIP-T peer; undefined for a plain peer. */
  readonly isup: IsupBodyConfig | undefined;
  readonly #log: CallLogger;

  constructor(config: PeerConfig, mapping: MappingOptions | undefined, log: CallLogger) {
    this.config = config;
    const { policy, mapping: peerMapping } = derive(config, mapping);
    this.policy = policy;
    this.mapping = peerMapping;
    this.isup = config.profile === 'plain' ? undefined : config.isup;
    this.#log = log;
  }

  get name(): string {
    return this.config.name;
  }

  /** The parts that carry `message` to this peer: none for a plain peer. */
  parts(message: IsupMessage | undefined): OutgoingPart[] {
    if (this.isup === undefined || message === undefined) return [];
    const part = isupPart(message, this.isup);
    if (part.ok) return [part.value];
    this.#log.error({ err: part.error, message: message.type }, 'ISUP body not encoded');
    return [];
  }

  /** The ISUP message of a request from this peer, or why to refuse it. */
  read(body: ReceivedBody, expected: readonly MessageName[]): Result<IsupMessage | undefined, IsupRefusal> {
    return this.isup === undefined ? ok(undefined) : readIsupBody(body, this.isup, expected);
  }

  /** The ISUP message of a message that cannot be refused; an unusable part is logged and ignored. */
  readOrIgnore(body: ReceivedBody, expected: readonly MessageName[]): IsupMessage | undefined {
    const read = this.read(body, expected);
    if (read.ok) return read.value;
    this.#log.warn({ status: read.error.status, detail: read.error.detail }, 'ISUP body ignored');
    return undefined;
  }

  /** The REL for a release from this peer: an encapsulated REL wins over the cause mapped from SIP. */
  releaseFrom(body: ReceivedBody, mapped: CauseIndicators): IsupMessageOf<'REL'> {
    const encapsulated = this.readOrIgnore(body, ['REL']);
    return encapsulated?.type === 'REL' ? encapsulated : releaseMessage(mapped);
  }
}

/** The Reason headers (RFC 3326) of a message; malformed ones are left out. */
export function reasonsOf(message: SipMessage): Reason[] {
  const read = readList(message.headers, 'Reason', parseReason);
  return read.ok ? read.value : [];
}
