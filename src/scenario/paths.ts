// POSIX path helpers, so src/scenario needs nothing from Node and can run in a browser. Backslashes are
// read as separators too, so a Windows path handed in by the CLI still resolves.

/** Collapse `.`, `..` and repeated separators; keeps a leading `/` and leading `..` of relative paths. */
export function normalize(path: string): string {
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function dirname(path: string): string {
  const p = normalize(path);
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : p.slice(0, i);
}

export function basename(path: string): string {
  const p = normalize(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Join path parts; an absolute part restarts the path (like `path.resolve`, minus the working directory). */
export function join(...parts: string[]): string {
  let acc = '';
  for (const raw of parts) {
    const part = raw.replace(/\\/g, '/');
    if (part === '') continue;
    acc = part.startsWith('/') || acc === '' ? part : `${acc}/${part}`;
  }
  return normalize(acc);
}
