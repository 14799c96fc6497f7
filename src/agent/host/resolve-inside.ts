import { isAbsolute, relative, resolve, sep } from 'node:path';
import { packagePathEscape } from '../../core/manifest/package-path-problem.js';
import { HostStepError } from './host-step-error.js';

/**
 * Resolves a package-relative path inside `dir`, refusing absolute paths, `..`, backslashes and control characters
 * (the manifest's rule against escaping, checked again where a path is used) and anything that resolves to `dir`
 * itself or beyond.
 */
export function resolveInside(dir: string, path: string, what: string): string {
  const target = resolve(dir, path);
  const inside = relative(dir, target);
  if (packagePathEscape(path) !== undefined || inside === '' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new HostStepError('unsafe-path', { what, path: JSON.stringify(path).slice(0, 120) });
  }
  return target;
}
