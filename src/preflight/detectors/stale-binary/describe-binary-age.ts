import type { Finding } from '../../../core/findings/finding.js';
import type { ExecutableHead } from './identify-executable.js';

const DAY_MS = 86_400_000;
/** Zip times carry no time zone: a day of slack keeps them from looking newer than the build. */
const SKEW_SLACK_MS = DAY_MS;

export interface GatheredBinary extends ExecutableHead {
  path: string;
  stamp: Date;
  /** Where the stamp came from, in words: `linked on` (PE header) or `last modified on` (archive time). */
  stampSource: 'linked' | 'modified';
  embeddedVersion: string | undefined;
}

export interface ReferenceDate {
  date: Date;
  /** How the report names it: `the package build date (2025-05-01)`. */
  label: string;
  version: string | undefined;
}

/** A warning for a binary older than the reference by more than `staleDays`; info for one newer than it. */
export function describeBinaryAge(binary: GatheredBinary, reference: ReferenceDate, staleDays: number): Finding[] {
  const gap = reference.date.getTime() - binary.stamp.getTime();
  const days = Math.floor(Math.abs(gap) / DAY_MS);
  const at = { category: 'stale-binary' as const, path: binary.path };
  const when = `${binary.stampSource === 'linked' ? 'linked (PE header)' : 'last modified (archive time)'} on ${formatDay(binary.stamp)}`;
  if (gap > staleDays * DAY_MS) {
    const version = binary.embeddedVersion && reference.version && binary.embeddedVersion !== reference.version;
    const carries = version
      ? `; it carries version ${binary.embeddedVersion}, while the package is ${reference.version}`
      : '';
    return [
      {
        ...at,
        severity: 'warning',
        rule: 'stale-binary/older-than-build',
        message: `This ${binary.format} executable was ${when}, ${days} days (${approximate(days)}) before ${reference.label}, beyond the ${staleDays}-day allowance${carries}. An old binary in a new package is either unchanged on purpose or left behind by mistake.`,
        remediation: `Ask the vendor whether this binary is meant to ship${reference.version ? ` with ${reference.version}` : ''}, and compare it with the release notes; install it only once they confirm.`,
      },
    ];
  }
  if (-gap <= SKEW_SLACK_MS) return [];
  return [
    {
      ...at,
      severity: 'info',
      rule: 'stale-binary/newer-than-build',
      message: `This ${binary.format} executable was ${when}, ${days} days after ${reference.label}: a clock was wrong on the vendor's build machine, or the file was changed after the build.`,
      remediation: 'Ask the vendor which build produced this file, and check its digest against the one they publish.',
    },
  ];
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function approximate(days: number): string {
  if (days < 60) return `about ${Math.round(days / 7)} weeks`;
  if (days < 548) return `about ${Math.round(days / 30.44)} months`;
  return `about ${Math.round((days / 365.25) * 2) / 2} years`;
}
