import type { Finding } from '../../../core/findings/finding.js';
import type { Manifest } from '../../../core/manifest/manifest-schema.js';

/** `recommended` is a warning (the vendor did not test without it); `required` is info for the plan. */
export function describeRebootFlag(reboot: Manifest['reboot'], at: Pick<Finding, 'path' | 'line'>): Finding[] {
  if (reboot === 'recommended') {
    return [
      {
        category: 'reboot',
        severity: 'warning',
        rule: 'reboot/recommended',
        ...at,
        message:
          'The manifest calls the reboot "recommended", which usually means the vendor did not test the upgrade without one: skipping it runs a configuration nobody tested.',
        remediation:
          'Plan the reboot inside the window and add its time to the downtime; skip it only if the vendor confirms in writing that it is safe.',
      },
    ];
  }
  if (reboot === 'required') {
    return [
      {
        category: 'reboot',
        severity: 'info',
        rule: 'reboot/required',
        ...at,
        message:
          'The manifest requires a reboot: the plan must include one on every host, and it counts towards the downtime.',
        remediation:
          'Include the reboot in the rollout plan, and time how long a host takes to come back (boot plus service start).',
      },
    ];
  }
  return [];
}
