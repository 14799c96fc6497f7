import type { HostStepError, HostStepErrorCode, HostStepErrorParams } from '../agent/host/host-step-error.js';

const TEXT: { [C in HostStepErrorCode]: (p: HostStepErrorParams[C]) => string } = {
  'digest-mismatch': (p) =>
    `The package ${p.file} has SHA-256 ${p.actual}, not the ${p.expected} the rollout was approved for, so nothing was unpacked. Fetch the package again from the package store; if it still differs, stop the rollout and find out who changed it.`,
  'archive-hazard': (p) =>
    `The package cannot be unpacked safely: ${p.detail} (${p.rule}). Nothing was installed; ask the vendor for a package holding only plain files and folders.`,
  'release-conflict': (p) =>
    `Release ${p.version} is already on this host from another package (SHA-256 ${p.found}, expected ${p.expected}); it was left untouched. Check which package is right before removing opt/dten/releases/${p.version} by hand.`,
  'version-mismatch': (p) =>
    `The package says it is version ${p.actual}, but the rollout expected ${p.expected}; it was not installed. Check that the rollout names the right package.`,
  'manifest-invalid': (p) =>
    `The manifest.json of package ${p.version} cannot be used: ${p.problem}. Nothing on this host was changed; ask the vendor for a corrected manifest (dten preflight lists every problem in it).`,
  'package-untrusted': (p) =>
    `Package ${p.version} was not run: its certificate chain is not one this agent trusts (DTEN_TRUSTED_CA): ${p.problems}. Check the chain with the vendor, or add their root to DTEN_TRUSTED_CA on the agents if you trust it.`,
  'release-missing': (p) =>
    `Release ${p.version} is not unpacked on this host, so current cannot point at it; nothing was switched. Put opt/dten/releases/${p.version} back (from a backup, or unpacked from its package), then run the step again.`,
  'release-unverified': (p) =>
    `Release ${p.version} on this host was not unpacked by dten from a verified package, so none of its scripts are run. Unpack it again from its package: while current does not point at it, remove opt/dten/releases/${p.version} and run the install step again.`,
  'current-not-a-link': (p) =>
    `${p.path} is a real folder or file, not a link, so dten will not replace it. Move it aside by hand, put a link to the release it holds in its place (a rollback returns to what current points at), then run the step again.`,
  'unsafe-name': (p) =>
    `The ${p.what} ${p.value} cannot be used as a file name (only letters, digits and . _ @ + - are allowed). Fix it in the rollout or the manifest.`,
  'unsafe-path': (p) =>
    `The ${p.what} ${p.path} points outside the folder it must stay in, so it was refused. Fix the path in the manifest.`,
  'certificate-missing': (p) =>
    `The certificate ${p.certificate} that the manifest lists is not in release ${p.version}, so the chain cannot be preinstalled; nothing else was changed on this host. Ask the vendor for a package that ships it.`,
  'script-missing': (p) =>
    `The script ${p.script} is not a file of release ${p.version}. Check the script name in the manifest.`,
  'backup-missing': (p) =>
    `There is no configuration backup for rollout ${p.rolloutId} on this host (var/lib/dten/backups/${p.rolloutId}), so its configuration cannot be restored; the rollback stopped before changing anything. Put that folder back from your own backups, then run the rollback again.`,
  'install-after-rollback': (p) =>
    `Rollout ${p.rolloutId} was already rolled back on this host, so its install is not run here again and nothing was changed. Plan a new rollout for this host.`,
  'config-unencodable': (p) =>
    `${p.file} on this host is not UTF-8 (it is edited as ISO-8859-1), and the value the package sets for ${p.keys.join(', ')} has characters it cannot hold; it was not written. Save the file as UTF-8 on the host, then run the step again.`,
  'rollback-manifest-unreadable': (p) =>
    `The manifest.json of release ${p.version} on this host cannot be read (${p.problem}), so the down migrations of what this rollout applied cannot be found; the rollback stopped before changing anything. Put opt/dten/releases/${p.version}/manifest.json back as the package has it, then run the rollback again.`,
  'unknown-unit': (p) =>
    `The service ${p.unit} has no unit file in the current release (units/${p.unit}) nor under etc/systemd/system, so the agent does not know what it runs. Check that name against the unit files the package ships and those on the host.`,
  'unit-unusable': (p) =>
    `The unit file ${p.unit} of the current release cannot be run by the agent itself: ${p.problem}. Run this host with the systemd adapter, or ask the vendor to fix the unit file.`,
  'unit-outside-release': (p) =>
    `The unit ${p.unit} runs ${p.program}, which is not a program of the release (under ${p.prefix}), so the agent will not run it. Ask the vendor for a unit whose ExecStart= names a program the package ships, or run this host with the systemd adapter.`,
  'service-failed': (p) =>
    `The service ${p.unit} did not start: ${p.detail}. Read its log under var/log/dten/ on the host.`,
  'systemctl-failed': (p) =>
    `systemctl ${p.args} failed: ${p.detail}. Check the unit with systemctl status on the host.`,
  'script-failed': (p) =>
    `The package script ${p.script} failed: ${p.detail}. Read the script's output above, fix the cause on the host, and retry.`,
};

export function describeHostStepError(error: HostStepError): string {
  const text = TEXT[error.code] as (p: HostStepErrorParams[HostStepErrorCode]) => string;
  return text(error.params);
}
