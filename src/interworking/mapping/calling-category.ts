// Calling party's category (Q.763 §3.11) <-> the `cpc` parameter of the calling number's URI.
// The reference attributes `cpc` to RFC 4694; the IANA tel URI parameter registry (checked) lists
// only npdi, rn, rn-context, cic and cic-context for RFC 4694, so `cpc` is the 3GPP TS 24.229
// §7.2A.12 URI parameter (values from recollection, [mem]). Default category: 0x0A ordinary
// subscriber (RFC 3398 / Q.1912.5 [mem]). S->P uses the first row of a cpc value; P->S writes no
// cpc for an ordinary subscriber (it is the default) nor for a category without a row.
import { CallingPartysCategory } from 'ss7-isup-codec';
import type { Param } from '../../sip/message/index.js';
import { getParam } from '../../sip/message/index.js';
import type { Source } from './source.js';

export interface CategoryRow extends Source {
  readonly cpc: string;
  readonly category: number;
}

const T = { ref: 'TS 24.229 §7.2A.12, TS 29.163', basis: 'mem' } as const;

export const CALLING_CATEGORY_ROWS: readonly CategoryRow[] = [
  { cpc: 'ordinary', category: CallingPartysCategory.ORDINARY, ...T },
  { cpc: 'unknown', category: CallingPartysCategory.UNKNOWN, ...T },
  { cpc: 'operator', category: CallingPartysCategory.OPERATOR_FRENCH, ...T },
  { cpc: 'operator', category: CallingPartysCategory.OPERATOR_ENGLISH, ...T },
  { cpc: 'operator', category: CallingPartysCategory.OPERATOR_GERMAN, ...T },
  { cpc: 'operator', category: CallingPartysCategory.OPERATOR_RUSSIAN, ...T },
  { cpc: 'operator', category: CallingPartysCategory.OPERATOR_SPANISH, ...T },
  { cpc: 'datacall', category: CallingPartysCategory.DATA, ...T },
  { cpc: 'test', category: CallingPartysCategory.TEST, ...T },
  { cpc: 'payphone', category: CallingPartysCategory.PAYPHONE, ...T },
];

/** The category when no trusted cpc says otherwise. */
export const DEFAULT_CATEGORY = { category: CallingPartysCategory.ORDINARY, ref: 'RFC 3398 §7.2.1.1; Q.1912.5', basis: 'mem' } as const;

/** The category for the calling URI's number parameters (a trusted identity's), else the default. */
export function categoryFromCpc(params: readonly Param[]): number {
  const cpc = getParam(params, 'cpc')?.value?.toLowerCase();
  return CALLING_CATEGORY_ROWS.find((r) => r.cpc === cpc)?.category ?? DEFAULT_CATEGORY.category;
}

/** The `cpc` parameter for `category`, or none for the default category or one without a row. */
export function cpcForCategory(category: number): Param[] {
  if (category === DEFAULT_CATEGORY.category) return [];
  const row = CALLING_CATEGORY_ROWS.find((r) => r.category === category);
  return row === undefined ? [] : [{ name: 'cpc', value: row.cpc }];
}
