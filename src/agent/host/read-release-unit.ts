import { readFile } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import { parseExecStart } from './parse-exec-start.js';
import { resolveInside } from './resolve-inside.js';

/** Where a package ships its systemd units (its own install script copies `units/*` to /etc/systemd/system). */
const RELEASE_UNITS_DIR = 'units';

/** What a unit runs under the exec adapter: a program of the current release, with the unit's own arguments. */
export interface ExecUnit {
  /** Inside the release, such as `bin/dten-server`. */
  program: string;
  /** As the unit file gives them, with absolute paths moved under the host root. */
  args: string[];
  /** The `--config` file among the arguments, where the adapter reads the service's port. */
  config: string | undefined;
}

/**
 * Learns what a service unit runs from the current release's own unit file: its `ExecStart=` program must lie under
 * the install prefix (`/opt/dten/current/`). Undefined when the release ships no such service, or only a one-shot
 * job (timers start those; the exec adapter leaves them passive). A program outside the release is refused.
 */
export async function readReleaseUnit(layout: HostLayout, unit: string): Promise<ExecUnit | undefined> {
  const file = join(layout.currentLink, RELEASE_UNITS_DIR, checkPathSegment('unit name', unit));
  const text = unit.endsWith('.service') ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
  if (text === undefined) return undefined;
  const parsed = parseExecStart(text);
  if (!parsed.ok) throw new HostStepError('unit-unusable', { unit, problem: parsed.problem });
  if (parsed.type === 'oneshot') return undefined;
  const [program, ...args] = parsed.argv;
  const prefix = `/${relative(layout.root, layout.currentLink)}/`;
  const normalised = posix.normalize(program);
  if (!normalised.startsWith(prefix) || normalised.length === prefix.length)
    throw new HostStepError('unit-outside-release', { unit, program: program.slice(0, 200), prefix });
  const inRelease = normalised.slice(prefix.length);
  resolveInside(layout.currentLink, inRelease, 'program of a unit');
  const moved = args.map((arg) => moveUnderRoot(layout.root, arg));
  return { program: inRelease, args: moved, config: optionValue(moved, '--config') };
}

/** `/etc/dten/dten.conf` and `--log=/var/log/x` name host paths: under `--root` they live below the root. */
function moveUnderRoot(root: string, arg: string): string {
  const option = /^(--?[\w.-]+=)(\/.*)$/.exec(arg);
  if (option) return `${option[1]}${join(root, option[2]!)}`;
  return arg.startsWith('/') ? join(root, arg) : arg;
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}
