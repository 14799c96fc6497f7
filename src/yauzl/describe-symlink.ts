import { posix } from 'node:path';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import type { ArchiveEntry, ArchiveHazard } from '../preflight/archive.js';

/** A link is not scanned (its target is); a link that leaves the package can make an installer write anywhere. */
export function describeSymlink(entry: ArchiveEntry, target: string | undefined): ArchiveHazard {
  const name = entry.displayName;
  const base = { entryName: name, rule: 'archive/symlink' };
  if (target === undefined) {
    return {
      ...base,
      severity: 'blocker',
      message: `\`${name}\` is a symbolic link whose target could not be read, so nobody can tell where it points.`,
      remediation: 'Ask the vendor to ship the real file instead of the link.',
    };
  }
  const shown = escapeForDisplay(target);
  if (leavesPackage(entry.name, target)) {
    return {
      ...base,
      severity: 'blocker',
      message: `\`${name}\` is a symbolic link to \`${shown}\`, outside the package: unpacking it lets later files or scripts write there.`,
      remediation:
        'Ask the vendor to ship the real file instead of the link, or confirm on a test host where the link lands before approving.',
    };
  }
  return {
    ...base,
    severity: 'warning',
    message: `\`${name}\` is a symbolic link to \`${shown}\` inside the package; the link itself was not scanned, its target is.`,
    remediation: 'No action is needed if the link is expected; otherwise ask the vendor why the package ships it.',
  };
}

function leavesPackage(name: string, target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\') || target.includes('\0'))
    return true;
  const resolved = posix.normalize(posix.join(posix.dirname(name), target));
  return resolved === '..' || resolved.startsWith('../');
}
