// One configuration file parsed with eemeli/yaml: its data, its YAML syntax errors, and the line and
// column of any path in it (for error messages).
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigError, JsonPath } from './errors.js';

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface SourceFile {
  readonly path: string;
  /** The file's data as plain JS, or undefined when the YAML did not parse. */
  readonly data: unknown;
  readonly syntaxErrors: readonly ConfigError[];
  /** Position of the value at `path`, or of its key when `at` is 'key'; the nearest existing ancestor when the path does not exist. */
  locate(path: JsonPath, at?: 'key' | 'value'): Position;
}

export function parseSource(path: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: Math.max(p.line, 1), col: p.col };
  };
  const problems = [...doc.errors, ...doc.warnings];
  const syntaxErrors: ConfigError[] = problems.map((e) => ({
    code: 'CONFIG_YAML_SYNTAX',
    file: path,
    ...pos(e.pos[0]),
    path: [],
    message: e.code === 'MULTIPLE_DOCS' ? 'more than one YAML document (---); a file holds one' : firstLine(e.message),
  }));
  return {
    path,
    data: doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 1000 }) as unknown),
    syntaxErrors,
    locate: (p, at = 'value') => {
      const found = walk(doc, p);
      const range = (at === 'key' && found.exact ? found.key : undefined)?.range ?? found.node?.range;
      return range ? pos(range[0]) : { line: 1, col: 1 };
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** Follows `path` through maps and sequences as far as it exists. */
function walk(doc: Document, path: JsonPath): { node: Node | undefined; key: Node | undefined; exact: boolean } {
  let node: Node | undefined = doc.contents ?? undefined;
  let key: Node | undefined;
  for (const seg of path) {
    if (node && isAlias(node)) node = node.resolve(doc) ?? node;
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) {
        nextKey = pair.key as Node;
        // A key with no value (`profile:`) has no value node, or an empty null scalar: point at the key.
        const value = pair.value as Node | null;
        const empty = !value || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
        next = empty ? nextKey : value;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = (node.items[seg] as Node | undefined) ?? undefined;
    }
    if (!next) return { node, key, exact: false };
    node = next;
    key = nextKey;
  }
  return { node, key, exact: true };
}
