// Relative paths in a configuration file are relative to the directory of that file (POSIX paths;
// pure string handling, no file system access).

/** `file` is the configuration file's path; `p` a path written in it. */
export function resolvePath(file: string, p: string): string {
  if (p.startsWith('/')) return normalize(p);
  const slash = file.lastIndexOf('/');
  const dir = slash < 0 ? '.' : file.slice(0, slash) || '/';
  return normalize(`${dir}/${p}`);
}

/** Removes `.` segments and folds `dir/..`; keeps leading `..` of relative paths. */
export function normalize(p: string): string {
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg !== '..' || !absolute) out.push(seg);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
