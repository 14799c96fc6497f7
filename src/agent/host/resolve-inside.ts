import { isAbsolute, relative, resolve, sep } from 'node:path';
import { HostStepError } from './host-step-error.js';

/** Resolves a package-relative path inside `dir`, refusing absolute paths, `..`, backslashes and NUL bytes. */
export function resolveInside(dir: string, path: string, what: string): string {
  const escapes =
    path === '' ||
    isAbsolute(path) ||
    /^[A-Za-z]:/.test(path) ||
    path.includes('\\') ||
    path.includes('\0') ||
    path.split('/').includes('..');
  const target = resolve(dir, path);
  const inside = relative(dir, target);
  if (escapes || inside === '' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new HostStepError('unsafe-path', { what, path: JSON.stringify(path).slice(0, 120) });
  }
  return target;
}
