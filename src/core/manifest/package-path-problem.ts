export type PackagePathKind = 'file' | 'folder';

/**
 * Why `path` cannot name a file (or a folder) inside a package, or undefined when it can: relative to the package
 * root, forward slashes, no `..`, no control characters. `./` in front is allowed, as vendors write it; a folder may be
 * the root itself (`.`) and may end in `/`, a file may not. The agent resolves every such path inside the release (or
 * etc/dten), so a manifest that breaks this rule is refused once, when it is read, instead of halfway through an install.
 */
export function packagePathProblem(path: string, kind: PackagePathKind): string | undefined {
  const escape = packagePathEscape(path);
  if (escape !== undefined) return escape;
  const segments = path.replace(/^(\.\/)+/, '').split('/');
  if (kind === 'folder') {
    // `migrations/`, `.` and `./` are folders; an empty segment inside (`a//b`) is not a name.
    if (segments.at(-1) === '' || segments.at(-1) === '.') segments.pop();
    if (segments.length === 0) return undefined;
  }
  if (segments.some((segment) => segment === '' || segment === '.')) {
    return kind === 'file' && path.endsWith('/') ? 'names a folder, not a file' : 'has an empty or `.` segment';
  }
  return undefined;
}

/**
 * Why `path` would leave the folder it is resolved in (absolute, a drive, backslashes, control characters, `..`), or
 * undefined. Unlike packagePathProblem it lets `a//b` and `a/./b` through: they name a file inside all the same, and
 * zip entry names spelled so are unpacked as they were before the manifest's stricter rule.
 */
export function packagePathEscape(path: string): string | undefined {
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'names a drive';
  if (path.includes('\\')) return 'uses backslashes';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'holds a control character';
  if (path.split('/').includes('..')) return 'climbs out of the package with `..`';
  return undefined;
}
