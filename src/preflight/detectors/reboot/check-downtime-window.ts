import type { Finding } from '../../../core/findings/finding.js';
import type { Manifest } from '../../../core/manifest/manifest-schema.js';
import { formatDuration } from '../../../core/time/format-duration.js';
import { parseDuration } from '../../../core/time/parse-duration.js';

const MINUTE_MS = 60_000;
/** Time kept for a host to reboot and start its services. */
export const REBOOT_ALLOWANCE_MS = 10 * MINUTE_MS;
/** Rolling back takes about as long as installing, and never less than this. */
export const MIN_ROLLBACK_MS = 10 * MINUTE_MS;

/** The vendor's downtime claim, plus reboot and rollback time, against the planned window (when there is one). */
export function checkDowntimeWindow(
  manifest: Manifest,
  windowMinutes: number | undefined,
  at: Pick<Finding, 'path' | 'line'>,
): Finding[] {
  const base = { category: 'reboot' as const, ...at };
  if (manifest.downtime === undefined) {
    if (windowMinutes === undefined) return [];
    return [
      {
        ...base,
        severity: 'warning',
        rule: 'reboot/no-downtime-claim',
        message: `The manifest makes no downtime claim, so dten cannot tell whether the ${windowMinutes}-minute window is long enough.`,
        remediation:
          'Ask the vendor how long a host is down during the upgrade, and time it on staging before approving the window.',
      },
    ];
  }
  const claim = parseDuration(manifest.downtime);
  if (claim === undefined) {
    return [
      {
        ...base,
        severity: 'warning',
        rule: 'reboot/unreadable-downtime',
        message: `The manifest's downtime claim "${manifest.downtime}" is not a duration dten can read, so it was not compared with the window.`,
        remediation: 'Ask the vendor for a figure such as "5m" or "PT5M", and write it into your copy of the manifest.',
      },
    ];
  }
  if (windowMinutes === undefined) return [];
  const reboot = manifest.reboot === 'none' ? 0 : REBOOT_ALLOWANCE_MS;
  const rollback = Math.max(claim, MIN_ROLLBACK_MS);
  const total = claim + reboot + rollback;
  const window = windowMinutes * MINUTE_MS;
  const parts = [
    `the vendor's ${formatDuration(claim)} of downtime`,
    ...(reboot ? [`${formatDuration(reboot)} for the ${manifest.reboot} reboot`] : []),
    `${formatDuration(rollback)} kept for a rollback`,
  ];
  const sum = `${parts.join(' + ')} = ${formatDuration(total)}`;
  if (total > window) {
    return [
      {
        ...base,
        severity: 'blocker',
        rule: 'reboot/window-too-short',
        message: `The ${formatDuration(window)} window is too short: ${sum}. A failed install could not be rolled back inside it.`,
        remediation: `Lengthen the window to at least ${formatDuration(total)}, or split the hosts into more, smaller windows.`,
      },
    ];
  }
  return [
    {
      ...base,
      severity: 'info',
      rule: 'reboot/window-fits',
      message: `The ${formatDuration(window)} window holds ${sum}, with ${formatDuration(window - total)} to spare.`,
      remediation: 'Nothing to do; check the claim on the canary wave and stop if a host is down for longer.',
    },
  ];
}
