import { countDays, formatDay, formatDays, readValidity, type CertificateProblem } from './package-certificate.js';
import type { X509Certificate } from 'node:crypto';

const EXPIRY_WARNING_DAYS = 30;

/** Expired or not yet valid (blockers), or expiring within 30 days (warning), measured against `now`. */
export function checkValidity(cert: X509Certificate, name: string, now: Date): CertificateProblem[] {
  const { from, to } = readValidity(cert);
  const left = countDays(now, to);
  if (to < now) {
    return [
      {
        severity: 'blocker',
        rule: 'certificate/expired',
        message: `${name} expired on ${formatDay(to)} (${formatDays(-left)} ago): hosts will reject anything it signs or serves.`,
        remediation: 'Ask the vendor for a package with a renewed certificate; do not install an expired one.',
      },
    ];
  }
  if (from > now) {
    return [
      {
        severity: 'blocker',
        rule: 'certificate/not-yet-valid',
        message: `${name} is not valid until ${formatDay(from)}: hosts will reject it until then.`,
        remediation:
          'Ask the vendor why it starts in the future (often a wrong clock on their build machine) and for a re-issued certificate.',
      },
    ];
  }
  if (left > EXPIRY_WARNING_DAYS) return [];
  return [
    {
      severity: 'warning',
      rule: 'certificate/expiring-soon',
      message: `${name} expires on ${formatDay(to)}, in ${formatDays(left)}: it may lapse during or soon after the rollout.`,
      remediation: `Ask the vendor for the renewed certificate now and plan to replace it before ${formatDay(to)}.`,
    },
  ];
}
