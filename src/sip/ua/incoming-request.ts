// A request the layer above answers: re-INVITE, UPDATE, INFO, PRACK within a dialog, or any
// request outside one that the UA passes on. It is answered once, with accept() or reject().
import type { GwError } from '../../core/errors.js';
import { err, type Result } from '../../core/result.js';
import type { SipRequest } from '../message/index.js';
import type { ReceivedBody } from './body.js';
import type { ResponseOptions } from './builders.js';
import { CallState } from './errors.js';
import type { ReceivedRequest } from './received.js';

export type Responder = (status: number, options: ResponseOptions) => Result<void, GwError>;

export class IncomingRequest implements ReceivedRequest {
  readonly method: string;
  readonly message: SipRequest;
  readonly body: ReceivedBody;
  readonly #respond: Responder;
  #responded = false;

  constructor(view: ReceivedRequest, respond: Responder) {
    this.method = view.method;
    this.message = view.message;
    this.body = view.body;
    this.#respond = respond;
  }

  get responded(): boolean {
    return this.#responded;
  }

  /** Answers 200 (or another 2xx). */
  accept(options: ResponseOptions = {}, status = 200): Result<void, GwError> {
    if (status < 200 || status > 299) throw new RangeError(`accept: ${status} is not a 2xx`);
    return this.#answer(status, options);
  }

  /** Answers with a final response of 300-699. */
  reject(status: number, options: ResponseOptions = {}): Result<void, GwError> {
    if (!Number.isInteger(status) || status < 300 || status > 699) throw new RangeError(`reject: ${status} is not 300-699`);
    return this.#answer(status, options);
  }

  #answer(status: number, options: ResponseOptions): Result<void, GwError> {
    if (this.#responded) return err(new CallState(`${this.method} already answered`));
    this.#responded = true;
    return this.#respond(status, options);
  }
}
