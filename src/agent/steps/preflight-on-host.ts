import { stat } from 'node:fs/promises';
import semver from 'semver';
import { formatBytes } from '../../messages/format-bytes.js';
import { parseConfigText, type ConfigSetting } from '../../preflight/detectors/config-key/parse-config-text.js';
import {
  describeInstalled,
  readInstalledVersion,
  satisfiesRange,
} from '../../preflight/detectors/dependency/read-installed-version.js';
import { checkManifestUnits } from '../host/check-manifest-units.js';
import { checkReleaseTrust } from '../host/check-release-trust.js';
import { extractRelease } from '../host/extract-release.js';
import { findHostSchedules } from '../host/find-host-schedules.js';
import { freeDiskBytes } from '../host/free-disk-bytes.js';
import { planSchedulePause } from '../host/plan-schedule-pause.js';
import { readCurrentLink } from '../host/read-current-link.js';
import { readConfigToEdit } from '../host/read-config-to-edit.js';
import { unencodableKeys } from '../host/unencodable-keys.js';
import { unitNamesOf } from '../host/unit-names-of.js';
import type { HostStepContext, PackageRef } from './host-step-context.js';

export interface HostCheck {
  check: 'version' | 'dependencies' | 'config' | 'schedules' | 'units' | 'disk' | 'certificates';
  ok: boolean;
  /** A failed blocking check keeps the host out of the rollout. */
  blocking: boolean;
  detail: string;
}

/** Keep at least this many times the release's size free: the release, a config backup and a rollback. */
const DISK_FACTOR = 3;

/**
 * The per-host preflight: what this host runs against the package's ranges, what the install will change in its
 * config (or could not write there), which schedules fall in the window, which units exist under old or new names,
 * free disk, the chain.
 */
export async function preflightOnHost(
  ctx: HostStepContext,
  request: { package: PackageRef; window: { start: string; durationMinutes: number } },
): Promise<HostCheck[]> {
  const { layout } = ctx;
  const packageFile = await ctx.fetchPackage(request.package);
  const release = await extractRelease(layout, packageFile, request.package);
  const { manifest } = release;
  // What install would refuse halfway is refused here, with the same words.
  checkManifestUnits(release.manifest, ctx.services);
  const checks: HostCheck[] = [];
  const current = await readCurrentLink(layout);
  const running = current ? semver.coerce(current.version)?.version : undefined;
  const fits = running !== undefined && semver.satisfies(running, manifest.upgradeFrom);
  checks.push({
    check: 'version',
    ok: fits || current?.version === manifest.version,
    blocking: true,
    detail: current
      ? `runs ${current.version}; the package upgrades from ${manifest.upgradeFrom}`
      : `no release of ${manifest.name} is installed; the package upgrades from ${manifest.upgradeFrom}`,
  });
  checks.push(...(await checkDependencies(ctx, manifest.name, manifest.dependencies)));
  for (const change of manifest.config) {
    // Judged as install judges it: the live file, or the release's copy it will be seeded from.
    const { live, edited: written } = await readConfigToEdit(layout, release.dir, change.file);
    const lost = written === undefined ? [] : unencodableKeys(written, change.required);
    if (lost.length > 0) {
      checks.push({
        check: 'config',
        ok: false,
        blocking: true,
        detail: describeUnencodable(change.file, lost, live === undefined),
      });
      continue;
    }
    const settings = live === undefined ? new Map<string, ConfigSetting>() : parseConfigText(change.file, live.text);
    const dropping = change.removed.filter((key) => settings.has(key));
    const setting = Object.keys(change.required).filter(
      (key) => String(settings.get(key)?.value) !== String(change.required[key]),
    );
    const said = [
      dropping.length ? `will drop ${dropping.join(', ')}` : '',
      setting.length ? `will set ${setting.join(', ')}` : '',
    ];
    checks.push({
      check: 'config',
      ok: true,
      blocking: false,
      detail: `${change.file}: ${said.filter(Boolean).join('; ') || 'nothing to change'}`,
    });
  }
  const start = new Date(request.window.start);
  const window = { start, end: new Date(start.getTime() + request.window.durationMinutes * 60_000) };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const firing = await planSchedulePause(await findHostSchedules(layout), window, zone, ctx.services);
  checks.push({
    check: 'schedules',
    ok: true,
    blocking: false,
    detail: firing.length
      ? `will pause ${firing.map((item) => item.description).join('; ')}`
      : 'nothing fires in the window',
  });
  for (const service of manifest.services) {
    const active = [];
    for (const name of unitNamesOf(service)) if (await ctx.services.isActive(name)) active.push(name);
    checks.push({
      check: 'units',
      ok: true,
      blocking: false,
      detail: `${service.unit}: ${active.length ? `running as ${active.join(', ')}` : 'not running'}`,
    });
  }
  const free = await (ctx.freeDiskBytes ?? freeDiskBytes)(layout.root);
  const needed = DISK_FACTOR * (await stat(packageFile)).size;
  checks.push({
    check: 'disk',
    ok: free >= needed,
    blocking: true,
    detail: `${formatBytes(free)} free, ${formatBytes(needed)} needed`,
  });
  const untrusted = ctx.trustedCaPem ? await checkReleaseTrust(release, ctx.trustedCaPem, ctx.now()) : [];
  checks.push({
    check: 'certificates',
    ok: untrusted.length === 0,
    // With DTEN_TRUSTED_CA set on the agent, install refuses a package whose chain it does not trust: say so now.
    blocking: ctx.trustedCaPem !== undefined,
    detail:
      untrusted.length > 0
        ? `not trusted here (DTEN_TRUSTED_CA): ${untrusted.join('; ')}`.slice(0, 600)
        : `${manifest.certificates.length} certificate(s) to preinstall${ctx.trustedCaPem ? ', chain trusted here' : ''}`,
  });
  return checks;
}

/**
 * What install's refusal (`config-unencodable`) will say, said before anything on the host changes: which file, which
 * keys, and to save the file as UTF-8.
 */
function describeUnencodable(file: string, keys: string[], seeded: boolean): string {
  const where = seeded
    ? "not on this host yet, and the release's copy it would be seeded from is not UTF-8 (it is edited as ISO-8859-1);"
    : 'not UTF-8 on this host (it is edited as ISO-8859-1), and';
  const fix = seeded ? 'Put a UTF-8 copy of it on the host' : 'Save the file as UTF-8 on the host';
  return `${file}: ${where} the value the package sets for ${keys.join(', ')} has characters it cannot hold, so the install would refuse to write it. ${fix} before installing.`;
}

/**
 * Each component the package depends on against the version this host's probes read now: outside the range blocks
 * the host; not probed, or a range that is not one (`latest`), is said without blocking (the static preflight
 * reports loose ranges).
 */
async function checkDependencies(
  ctx: HostStepContext,
  product: string,
  dependencies: Record<string, string>,
): Promise<HostCheck[]> {
  const wanted = Object.entries(dependencies).filter(([component]) => component !== product);
  if (wanted.length === 0) return [];
  const probed = (await ctx.probeComponents?.({ fresh: true })) ?? { versions: {}, problems: {} };
  return wanted.map(([component, range]): HostCheck => {
    const raw = probed.versions[component];
    if (raw === undefined) {
      const why = probed.problems[component] ?? 'no probe reads its version here (DTEN_PROBES)';
      return {
        check: 'dependencies',
        ok: false,
        blocking: false,
        detail: `${component} ${range}: not checked, ${why}`,
      };
    }
    const installed = readInstalledVersion('this host', raw);
    if (semver.validRange(range) === null)
      return {
        check: 'dependencies',
        ok: false,
        blocking: false,
        detail: `${component} runs ${describeInstalled(installed)}; "${range}" is not a version range, so it was not compared`,
      };
    const ok = satisfiesRange(installed, range);
    return {
      check: 'dependencies',
      ok,
      blocking: true,
      detail: `${component} runs ${describeInstalled(installed)}, ${ok ? 'within' : 'outside'} the package's range ${range}`,
    };
  });
}
