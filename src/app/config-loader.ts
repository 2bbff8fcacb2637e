// Reads a configuration directory (its *.yaml and *.yml files, sorted by name) and validates it. The only
// file-system access of configuration: src/config stays pure and is handed the texts and an existence check.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig, type ConfigFile, type ValidateResult } from '../config/index.js';

export const DEFAULT_CONFIG_DIR = 'trunks';

export function loadConfigDir(dir: string): ValidateResult {
  const shown = dir.replace(/\/+$/, '') || dir;
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return { ok: false, errors: [{ code: 'CONFIG_NO_DIR', file: shown, path: [], message: 'not a directory' }] };
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : `cannot read directory: ${(e as Error).message}`;
    return { ok: false, errors: [{ code: 'CONFIG_NO_DIR', file: shown, path: [], message }] };
  }
  if (names.length === 0) return { ok: false, errors: [{ code: 'CONFIG_EMPTY_DIR', file: shown, path: [], message: 'no *.yaml or *.yml files' }] };
  const files: ConfigFile[] = [];
  const readErrors = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      files.push({ path, text: readFileSync(path, 'utf8') });
    } catch (e) {
      readErrors.push({ code: 'CONFIG_READ_ERROR' as const, file: path, path: [], message: `cannot read: ${(e as Error).message}` });
    }
  }
  const result = validateConfig(files, { fileExists: (p) => existsSync(p) });
  if (readErrors.length === 0) return result;
  return { ok: false, errors: [...readErrors, ...(result.ok ? [] : result.errors)] };
}
