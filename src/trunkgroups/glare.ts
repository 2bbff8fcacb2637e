// Dual seizure, Q.764 §2.9.1.4: when an IAM arrives on a circuit this side has just seized for
// an outgoing call, the controlling exchange completes its own call and disregards the IAM;
// the other backs off (no REL is sent) and re-attempts on another circuit.
import type { GlareSpec } from './spec.js';

const isEven = (cic: number): boolean => cic % 2 === 0;

/** Whether this side controls `cic` under `spec`. */
export function controlsCircuit(spec: GlareSpec, cic: number): boolean {
  switch (spec.policy) {
    case 'pointCode':
      // the higher point code controls the even CICs, the lower one the odd CICs
      return spec.localPointCode > spec.remotePointCode === isEven(cic);
    case 'oddEven':
      return (spec.controls === 'even') === isEven(cic);
    case 'fixed':
      return spec.winner === 'local';
  }
}
