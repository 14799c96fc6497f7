import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { createHostLayout, type HostLayout } from '../../src/agent/host/host-layout.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { readReleaseUnit } from '../../src/agent/host/read-release-unit.js';
import { switchCurrent } from '../../src/agent/host/switch-current.js';

let root: string;
let host: HostLayout;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dten-release-unit-'));
  host = createHostLayout(root);
  await mkdir(join(host.releaseDir('5.0.0'), 'units'), { recursive: true });
  await switchCurrent(host, { version: '5.0.0' });
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Ships `unit` in the current release with this `[Service]` body, then asks what it runs. */
async function unitWith(unit: string, service: string) {
  await writeFile(join(host.releaseDir('5.0.0'), 'units', unit), `[Unit]\nDescription=t\n\n[Service]\n${service}\n`);
  return readReleaseUnit(host, unit);
}

async function refusalOf(unit: string, service: string): Promise<string> {
  const error = await unitWith(unit, service).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HostStepError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return describeHostStepError(error as HostStepError);
}

describe("what a unit runs, learnt from the release's own unit file", () => {
  it("dten-server's unit maps to the release's bin/dten-server, its config moved under the agent's root", async () => {
    const spec = await unitWith(
      'dten-server.service',
      'Type=simple\nExecStart=/opt/dten/current/bin/dten-server --config /etc/dten/dten.conf',
    );
    const config = join(root, 'etc/dten/dten.conf');
    expect(spec).toEqual({ program: 'bin/dten-server', args: ['--config', config], config });
  });

  it('quotes, escapes, prefixes and a reset ExecStart= are read as systemd reads them', async () => {
    const spec = await unitWith(
      'quoted.service',
      [
        'ExecStart=/opt/dten/current/bin/old',
        'ExecStart=',
        `ExecStart=@:/opt/dten/current/sbin/tool tool-name 'one two' "three\\"four" five\\ssix --config=/etc/dten/t.conf`,
      ].join('\n'),
    );
    expect(spec).toEqual({
      program: 'sbin/tool',
      args: ['one two', 'three"four', 'five six', `--config=${join(root, 'etc/dten/t.conf')}`],
      config: join(root, 'etc/dten/t.conf'),
    });
  });

  it('a one-shot job, a timer and a unit the release does not ship are not services the adapter runs', async () => {
    expect(await unitWith('reindex.service', 'Type=oneshot\nExecStart=/opt/dten/current/bin/helper reindex')).toBe(
      undefined,
    );
    await writeFile(join(host.releaseDir('5.0.0'), 'units', 'reindex.timer'), '[Timer]\nOnCalendar=daily\n');
    expect(await readReleaseUnit(host, 'reindex.timer')).toBe(undefined);
    expect(await readReleaseUnit(host, 'absent.service')).toBe(undefined);
  });

  it('what only systemd can do is refused with a sentence naming the unit and the reason', async () => {
    expect(await refusalOf('spec.service', 'ExecStart=/opt/dten/current/bin/x --name %n')).toBe(
      'The unit file spec.service of the current release cannot be run by the agent itself: its ExecStart= uses the specifier %n, which only systemd expands. Run this host with the systemd adapter, or ask the vendor to fix the unit file.',
    );
    expect(await refusalOf('var.service', 'ExecStart=/opt/dten/current/bin/x --home ${HOME}')).toContain(
      'uses the variable ${HOME}, which only systemd expands',
    );
    expect(
      await refusalOf('two.service', 'ExecStart=/opt/dten/current/bin/a\nExecStart=/opt/dten/current/bin/b'),
    ).toContain('it has 2 ExecStart= commands, not one');
    expect(await refusalOf('none.service', 'Type=simple')).toContain('it has no ExecStart= in its [Service] section');
    expect(await refusalOf('open.service', 'ExecStart=/opt/dten/current/bin/x "open')).toContain(
      'leaves a " quote open',
    );
    expect(await refusalOf('bare.service', 'ExecStart=dten-server --config /etc/dten/dten.conf')).toContain(
      'The unit bare.service runs dten-server, which is not a program of the release (under /opt/dten/current/)',
    );
  });
});
