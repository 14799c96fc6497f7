import type { Finding } from '../core/findings/finding.js';
import type { Manifest } from '../core/manifest/manifest-schema.js';

/**
 * The manifest's install and rollback scripts, which dten's agent does not run: it lays the release out and rolls it
 * back itself (release folders, the atomic `current` switch, its own config backup), which is what makes a rollback
 * possible. Said as info so that whoever approves the plan reads them for anything else they do.
 */
export function describeScriptsNotRun(manifest: Manifest, path: string): Finding[] {
  const findings: Finding[] = [];
  const { install, rollback } = manifest.scripts;
  if (install) {
    findings.push({
      category: 'manifest',
      severity: 'info',
      rule: 'manifest/install-script-not-run',
      path,
      message: `scripts.install (${install}) is not run by dten's agent: dten lays the release out itself (a release folder, the current link switched atomically, the config edits the manifest asks for), and runs scripts.preinstall and scripts.postinstall around it.`,
      remediation: `Read ${install} for anything beyond laying out files (an OS package, a kernel setting, a change outside the release folder) and have it done in preinstall or postinstall, or by hand in the window.`,
    });
  }
  if (rollback) {
    findings.push({
      category: 'manifest',
      severity: 'info',
      rule: 'manifest/rollback-script-not-run',
      path,
      message: `scripts.rollback (${rollback}) is not run by dten's agent: a dten rollback switches current back, restores the config it backed up, runs the down migrations and restarts the previous units.`,
      remediation: `Read ${rollback} for anything beyond that (files or registrations outside the release folder) and write down who does it by hand if the upgrade is rolled back.`,
    });
  }
  return findings;
}
