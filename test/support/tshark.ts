// What both tshark harnesses (tshark-isup.ts, tshark-q931.ts) share: the version probe, PDML
// parsing and the severities of expert items.
import { spawnSync } from 'node:child_process';

/** tshark's version line, or undefined when tshark is not on PATH. */
export function tsharkVersion(): string | undefined {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return undefined;
  return r.stdout.split('\n')[0];
}

// PDML (tshark -T pdml) as both harnesses read it: elements with attributes in double quotes
// and XML entities; no text content, comments or CDATA that they need.

/** One element of PDML: its tag, attributes (entities undone) and child elements. */
export interface RawNode {
  tag: string;
  attrs: Record<string, string>;
  children: RawNode[];
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|quot|amp|lt|gt|apos);/g, (_m, e: string) =>
    ENTITIES[e] ?? String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;
const ATTR = /([\w.:-]+)\s*=\s*"([^"]*)"/g;

/** Parses PDML into one RawNode per <packet>. Throws on unbalanced tags (truncated output). */
export function parsePdml(xml: string): RawNode[] {
  const root: RawNode = { tag: '#root', attrs: {}, children: [] };
  const stack: RawNode[] = [root];
  for (const m of xml.matchAll(TAG)) {
    const [, close, tag, attrText, selfClose] = m;
    if (tag === undefined) continue; // processing instruction or comment
    const top = stack[stack.length - 1] as RawNode;
    if (close === '/') {
      if (top.tag !== tag) throw new Error(`PDML: </${tag}> closes <${top.tag}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(ATTR)) attrs[a[1] as string] = unescapeXml(a[2] as string);
    const node: RawNode = { tag, attrs, children: [] };
    top.children.push(node);
    if (selfClose !== '/') stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`PDML: ${stack.length - 1} unclosed element(s), output truncated?`);
  const pdml = root.children.find((c) => c.tag === 'pdml');
  if (pdml === undefined) throw new Error('PDML: no <pdml> element');
  return pdml.children.filter((c) => c.tag === 'packet');
}

/** Severities of tshark's expert items (_ws.expert.severity). */
export type ExpertSeverity = 'error' | 'warning' | 'note' | 'chat' | 'comment' | 'unknown';

const SEVERITY: Record<number, ExpertSeverity> = { 0x00100000: 'comment', 0x00200000: 'chat', 0x00400000: 'note', 0x00600000: 'warning', 0x00800000: 'error' };

/** The severity named by a _ws.expert.severity value (decimal text), or 'unknown'. */
export function expertSeverity(value: string | undefined): ExpertSeverity {
  return SEVERITY[Number(value ?? -1)] ?? 'unknown';
}
