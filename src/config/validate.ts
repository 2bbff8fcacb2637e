// validateConfig: configuration files (path + text) in, the typed configuration or every error out.
// Pure: it reads nothing; src/app reads the directory and may pass a file-existence check.
import { crossCheck } from './checks.js';
import type { ConfigError } from './errors.js';
import { collect, emptyModel } from './model.js';
import { resolveConfig } from './resolve.js';
import { schemaCheck } from './schema-check.js';
import type { TandemConfig } from './types.js';
import { parseSource } from './yaml-source.js';

export interface ConfigFile {
  /** Shown in error messages; relative paths inside the file are resolved against its directory. */
  readonly path: string;
  readonly text: string;
}

export interface ValidateOptions {
  /** Checks that the TLS files the gateway names exist (paths already resolved); skipped when absent. */
  readonly fileExists?: (path: string) => boolean;
}

export type ValidateResult = { readonly ok: true; readonly config: TandemConfig } | { readonly ok: false; readonly errors: readonly ConfigError[] };

export function validateConfig(files: readonly ConfigFile[], options: ValidateOptions = {}): ValidateResult {
  const errors: ConfigError[] = [];
  const model = emptyModel();
  let complete = true;
  files.forEach((f, i) => {
    const source = parseSource(f.path, f.text);
    errors.push(...source.syntaxErrors);
    if (source.data === undefined && source.syntaxErrors.length > 0) {
      complete = false;
      return;
    }
    const given = structuredClone(source.data);
    const data = source.data;
    const schemaErrors = schemaCheck(source, data);
    errors.push(...schemaErrors);
    collect(model, source, i, data, given, schemaErrors);
  });
  errors.push(...crossCheck(model, { complete, ...(options.fileExists ? { fileExists: options.fileExists } : {}) }));
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors, files) };
  return { ok: true, config: resolveConfig(model) };
}

/** By file (in the order given), line and column; errors about the whole configuration last. */
function sortErrors(errors: readonly ConfigError[], files: readonly ConfigFile[]): ConfigError[] {
  const rank = (e: ConfigError) => (e.file === undefined ? files.length : files.findIndex((f) => f.path === e.file));
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || (a.e.line ?? 0) - (b.e.line ?? 0) || (a.e.col ?? 0) - (b.e.col ?? 0) || a.i - b.i)
    .map((x) => x.e);
}
