import type { Category } from '../../core/findings/finding.js';

/** What each category of finding is about, in one line: SARIF's rule descriptions. */
export const CATEGORY_DESCRIPTIONS: Record<Category, string> = {
  credential: 'A credential written into the package: anyone who has the package has it.',
  'scheduled-task': 'A scheduled task the upgrade installs or changes: pause it for the window, restore it after.',
  'external-endpoint': 'An address the upgrade contacts: allow it for the window or redirect it to a mirror.',
  certificate: 'A certificate the package carries that is expired, untrusted, self-signed, weak or in a broken chain.',
  manifest: 'The package manifest is missing, malformed or holds fields dten does not know.',
  dependency: 'A dependency range that is loose, or that a host in the inventory does not satisfy.',
  'config-key': 'A configuration key that was removed but is still set, or a required key missing or wrong.',
  'service-unit': 'A system unit a script acts on that was renamed, or that the manifest does not declare.',
  'stale-binary': 'An executable far older than the package build: left behind by mistake, or unchanged on purpose.',
  'migration-lock': 'A database migration that takes a dangerous lock, rewrites a table, or cannot be rolled back.',
  reboot: 'What the reboot the manifest asks for means for the downtime of the window.',
  archive: 'Something about the archive itself that dten refused or could not scan.',
};
