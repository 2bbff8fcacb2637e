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
 * A peer's SipPeer, made once per configuration and mapping options (neither changes while calls
 * use them) and shared by the peer's calls, which pass their own logger to the methods that log.
 */
const shared = new WeakMap<PeerConfig, SipPeer>();

export class SipPeer {
  readonly config: PeerConfig;
  readonly policy: CausePolicy;
  readonly mapping: PeerMapping;
  /** The ISUP body settings of a SIP-I or SIP-T peer; undefined for a plain peer. */
  readonly isup: IsupBodyConfig | undefined;
  readonly #options: MappingOptions | undefined;

  constructor(config: PeerConfig, mapping: MappingOptions | undefined) {
    this.config = config;
    this.policy = causePolicy(config);
    this.mapping = mappingFor(mapping, config.name, config);
    this.isup = config.profile === 'plain' ? undefined : config.isup;
    this.#options = mapping;
  }

  /** The peer for `config` with `mapping`, shared by every call of that configuration. */
  static of(config: PeerConfig, mapping: MappingOptions | undefined): SipPeer {
    const known = shared.get(config);
    if (known !== undefined && known.#options === mapping) return known;
    const made = new SipPeer(config, mapping);
    shared.set(config, made);
    return made;
  }

  get name(): string {
    return this.config.name;
  }

  /** The parts that carry `message` to this peer: none for a plain peer. A part that cannot be encoded is logged on `log`. */
  parts(message: IsupMessage | undefined, log: CallLogger): OutgoingPart[] {
    if (this.isup === undefined || message === undefined) return [];
    const part = isupPart(message, this.isup);
    if (part.ok) return [part.value];
    log.error({ err: part.error, message: message.type }, 'ISUP body not encoded');
    return [];
  }

  /** The ISUP message of a request from this peer, or why to refuse it. */
  read(body: ReceivedBody, expected: readonly MessageName[]): Result<IsupMessage | undefined, IsupRefusal> {
    return this.isup === undefined ? ok(undefined) : readIsupBody(body, this.isup, expected);
  }

  /** The ISUP message of a message that cannot be refused; an unusable part is logged on `log` and ignored. */
  readOrIgnore(body: ReceivedBody, expected: readonly MessageName[], log: CallLogger): IsupMessage | undefined {
    const read = this.read(body, expected);
    if (read.ok) return read.value;
    log.warn({ status: read.error.status, detail: read.error.detail }, 'ISUP body ignored');
    return undefined;
  }

  /** The REL for a release from this peer: an encapsulated REL wins over the cause mapped from SIP. */
  releaseFrom(body: ReceivedBody, mapped: CauseIndicators, log: CallLogger): IsupMessageOf<'REL'> {
    const encapsulated = this.readOrIgnore(body, ['REL'], log);
    return encapsulated?.type === 'REL' ? encapsulated : releaseMessage(mapped);
  }
}

/** The Reason headers (RFC 3326) of a message; malformed ones are left out. */
export function reasonsOf(message: SipMessage): Reason[] {
  const read = readList(message.headers, 'Reason', parseReason);
  return read.ok ? read.value : [];
}
