// Date (RFC 3261 §20.17): SIP-date = rfc1123-date = wkday "," SP date1 SP time SP "GMT",
// date1 = 2DIGIT SP month SP 4DIGIT, time = 2DIGIT ":" 2DIGIT ":" 2DIGIT. Only GMT is allowed.

import { err, ok, type Result } from '../../core/result.js';
import { sipError, type SipError } from './errors.js';

const WKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^([A-Za-z]{3}), ([0-9]{2}) ([A-Za-z]{3}) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT$/i;

export function parseDate(value: string): Result<Date, SipError> {
  const bad = err(sipError('SIP_BAD_HEADER', `not an RFC 1123 GMT date: ${JSON.stringify(value)}`));
  const m = RFC1123.exec(value);
  if (m === null) return bad;
  const [, wkday = '', day = '', mon = '', year = '', hh = '', mm = '', ss = ''] = m;
  // ABNF literals are case-insensitive: "oct" is a month too.
  const month = MONTHS.findIndex((name) => name.toLowerCase() === mon.toLowerCase());
  if (month < 0 || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return bad;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), month, Number(day));
  date.setUTCHours(Number(hh), Number(mm), Number(ss));
  // 31 Feb rolls over into March: a day that moved, or a wrong weekday, is invalid.
  if (date.getUTCDate() !== Number(day) || WKDAYS[date.getUTCDay()]?.toLowerCase() !== wkday.toLowerCase()) return bad;
  return ok(date);
}

/** `Sat, 13 Nov 2010 23:29:00 GMT`; milliseconds are dropped. */
export function formatDate(date: Date): string {
  return date.toUTCString();
}
