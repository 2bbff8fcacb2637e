// Typed errors with stable codes (style guideline 5). Each code is defined once, with
// defineError(), by the layer that raises it, and listed in docs/errors.md. Callers branch on
// `code` or on `instanceof` the defined class. Wire input never throws: parsers return Results.

/** The base of every gateway error: `code` is stable, `message` is for people. */
export class GwError<C extends string = string> extends Error {
  readonly code: C;

  constructor(code: C, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = code;
    this.code = code;
  }
}

/** What defineError() returns: a GwError subclass bound to one code. */
export interface GwErrorClass<C extends string> {
  readonly code: C;
  readonly title: string;
  new (detail?: string, options?: ErrorOptions): GwError<C>;
}

const CODE = /^GW_ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;
const registry = new Map<string, string>();

/**
 * Registers `code` with its title and returns its error class; `new Class(detail)` has the
 * message `title: detail`. Throws at module load if the code is malformed or already defined.
 */
export function defineError<C extends string>(code: C, title: string): GwErrorClass<C> {
  if (!CODE.test(code)) throw new Error(`defineError: ${code} is not of the form GW_ERR_UPPER_SNAKE`);
  if (registry.has(code)) throw new Error(`defineError: ${code} is defined twice`);
  registry.set(code, title);
  return class extends GwError<C> {
    static readonly code = code;
    static readonly title = title;
    constructor(detail?: string, options?: ErrorOptions) {
      super(code, detail === undefined ? title : `${title}: ${detail}`, options);
    }
  };
}

/** Every code defined so far (by the modules loaded), with its title. */
export function definedErrors(): ReadonlyMap<string, string> {
  return new Map(registry);
}
