import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_USAGE, BOT_USAGE, CONTROL_USAGE } from '../../src/cli/command-usage.js';

const UNITS = new URL('../../deploy/systemd/', import.meta.url);
const ANALYZE = '/usr/bin/systemd-analyze';
const USAGE: Record<string, string> = { agent: AGENT_USAGE, control: CONTROL_USAGE, bot: BOT_USAGE };

const hasAnalyze = await readFile(ANALYZE).then(
  () => true,
  () => false,
);
const units = (await readdir(UNITS)).filter((name) => name.endsWith('.service'));
let root: string;

beforeAll(async () => {
  // A root with the system's own units (targets the units refer to) and a dten where npm install -g puts it.
  root = await mkdtemp(join(tmpdir(), 'dten-units-'));
  await mkdir(join(root, 'usr/local/bin'), { recursive: true });
  await mkdir(join(root, 'etc/systemd/system'), { recursive: true });
  if (hasAnalyze) await cp('/lib/systemd/system', join(root, 'lib/systemd/system'), { recursive: true });
  await writeFile(join(root, 'usr/local/bin/dten'), '#!/bin/sh\n');
  await chmod(join(root, 'usr/local/bin/dten'), 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the systemd units in deploy/systemd', () => {
  it('are the agent, control plane and bot', () => {
    expect(units.sort()).toEqual(['dten-agent.service', 'dten-bot.service', 'dten-control.service']);
  });

  it.skipIf(!hasAnalyze).each(units)('%s passes systemd-analyze verify without a warning', async (unit) => {
    const target = join(root, 'etc/systemd/system', unit);
    await cp(new URL(unit, UNITS), target);
    const { stderr } = await promisify(execFile)(ANALYZE, [`--root=${root}`, 'verify', target]);
    expect(stderr).toBe('');
  });

  it.each(units)('%s starts a dten command with options that command takes', async (unit) => {
    const text = await readFile(new URL(unit, UNITS), 'utf8');
    const [command, ...args] = /^ExecStart=\/usr\/local\/bin\/dten (.+)$/m.exec(text)?.[1]?.split(/\s+/) ?? [];
    const usage = USAGE[command ?? ''];
    expect(usage, `${unit} runs "dten ${command}"`).toBeDefined();
    for (const option of args.filter((arg) => arg.startsWith('--'))) expect(usage).toContain(option);
  });
});
