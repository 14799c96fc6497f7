import { mkdir, readlink, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { APPROVE_ACTION_ID } from '../../src/messages/chat/approval/approval-action-ids.js';
import { commandReceivedText } from '../../src/messages/chat/slack/command-received-text.js';
import { readJournalSteps } from '../e2e/read-journal-steps.js';
import type { FakeMessage } from '../helpers/fake-slack-api.js';
import { lastText, OPS_CHANNEL, slackSession, startFleetSlackBot, statusPosts, until } from './slack-session.js';
import type { SlackTestBot } from './start-slack-test-bot.js';

let bot: SlackTestBot;
beforeAll(async () => {
  bot = await startFleetSlackBot();
}, 120_000);
afterAll(() => bot?.close(), 120_000);

const { type, nextWhisper, whispered, latestWhen, click } = slackSession(() => bot, OPS_CHANNEL);
const lastBlocks = (message: FakeMessage): string => JSON.stringify(message.revisions.at(-1)!.blocks);
const stored = async (id: string): Promise<Rollout> => (await bot.slack.bot.ctx.control.store.get(id))!;

describe('a failed rollback run again from Slack, on real local agents', () => {
  it('a canary whose install and then rollback fail ends the rollout failed and says why; once the host is fixed, `/dten rollback` from a person rolls it back, tells support once, and a second one is refused privately', async () => {
    const fleet = bot.fleet!;
    const web1 = fleet.hosts.find((host) => host.hostId === 'web-1')!;
    const { installed, upgrade } = fleet.versions;
    const oldRelease = web1.layout.releaseDir(installed);
    expect((await stat(oldRelease)).isDirectory()).toBe(true);

    // On web-1 only: a stray file where the upgrade's postinstall script makes its `etc/dten/flags` folder, so the
    // install fails after `current` was switched and the new service started; and the old release moved out of
    // opt/dten/releases (someone freeing disk space), so the rollback has nothing to switch back to.
    await writeFile(join(web1.layout.configDir, 'flags'), 'left here by hand\n');
    const aside = join(web1.layout.root, 'var/tmp', `dten-release-${installed}`);
    await mkdir(join(web1.layout.root, 'var/tmp'), { recursive: true });
    await rename(oldRelease, aside);

    await type('plan Full-upgrade-package-dten.zip to env=demo canary 1 batch 1');
    const planned = await latestWhen((r) => r.state === 'awaiting-approval');
    const { id } = planned;
    const card = await click(id, APPROVE_ACTION_ID, 'U-BOB');
    const threadTs = card.threadTs!;
    const inThread = () => bot.api.messages.filter((m) => m.threadTs === threadTs);

    // The canary's install fails, the rollout rolls it back, and web-1 refuses before it changes anything.
    await until(async () => (await stored(id)).state === 'failed');
    const failed = await stored(id);
    expect(failed.audit.find((entry) => entry.event === 'threshold-exceeded')?.detail).toBe(
      '1 host(s) failed (web-1), more than max errors 0: rolling back 1 host(s)',
    );
    const notRolledBack = `not rolled back: web-1; once what each says is fixed, /dten rollback ${id} runs their rollback again`;
    expect(failed.audit.at(-1)).toMatchObject({
      event: 'rollback-failed',
      from: 'rolling-back',
      to: 'failed',
      detail: notRolledBack,
    });
    expect(failed.hosts['web-1']).toMatchObject({ state: 'failed', changed: true });
    expect(failed.hosts['web-1']?.reason).toMatch(
      new RegExp(`^rollback: Release ${installed.replaceAll('.', '\\.')} is not unpacked on this host`),
    );
    expect(failed.hosts['web-1']?.rollbackAttempt).toBeUndefined();
    // Why its install failed is kept under the rollback's reason: the postinstall script met the stray file.
    const installFailure = failed.hosts['web-1']?.failedWith ?? '';
    expect(installFailure).toMatch(/^The package script scripts\/postinstall\.sh failed: it exited with code 1; /);
    expect(installFailure).toMatch(/etc\/dten\/flags’?: File exists/);
    expect(failed.hosts['web-2']).toMatchObject({ changed: false });
    const journal = await readJournalSteps(web1.layout, id);
    expect(journal).toContain('start-services:done');
    expect(journal).toContain('postinstall-script:started');
    expect(journal).not.toContain('postinstall-script:done');
    expect(journal.filter((line) => line.startsWith('rollback-'))).toEqual([]);
    expect(await readlink(web1.layout.currentLink)).toBe(`releases/${upgrade}`);

    // The progress message in the plan's thread says the rollout failed, why, and what web-1 asks for.
    const progressFailed = () => inThread().find((m) => lastText(m).startsWith(`Rollout ${id}: failed`));
    await until(() => progressFailed() !== undefined);
    const failedBlocks = lastBlocks(progressFailed()!);
    expect(failedBlocks).toContain(`🛑 ${notRolledBack}`);
    expect(failedBlocks).toContain(`Release ${installed} is not unpacked on this host`);
    expect(failedBlocks).toContain(`Put opt/dten/releases/${installed} back`);
    // ... and, under it, why the install stopped there.
    expect(failedBlocks).toContain(
      '*Install failures (1)*\\n• `web-1` The package script scripts/postinstall.sh failed: it exited with code 1',
    );

    // Support heard the maintenance begin, then that engineers are on it and why, in plain words without host names.
    const announced = () => statusPosts(bot);
    await until(() => announced().length >= 3);
    expect(announced()).toEqual([
      expect.stringContaining('Planned maintenance'),
      expect.stringContaining('Maintenance started'),
      expect.stringContaining('Maintenance update: our engineers are still working on dten'),
    ]);
    expect(announced()[2]).toContain('Some servers did not pass their checks after the upgrade.');

    // Until then web-1 is nobody else's: the message says so, `hosts` shows who left it changed, and a plan is refused.
    expect(failedBlocks).toContain(
      `🔒 The host it left changed stays out of other plans until its rollback runs again there, or \`/dten abort ${id}\` lets it go as it is.`,
    );
    let seen = whispered('U-ALICE');
    await type('hosts env=demo');
    const hosts = await nextWhisper('U-ALICE', seen++);
    expect(hosts).toMatch(new RegExp(`web-1\`[^\n]*left changed by failed rollout \`${id}\``));
    expect(hosts).not.toMatch(/web-2`[^\n]*rollout/);
    await type('plan Full-upgrade-package-dten.zip to web-1');
    expect(await nextWhisper('U-ALICE', seen++)).toContain(
      `web-1 is left changed by rollout ${id} (failed): a host takes one rollout at a time (\`/dten rollback ${id}\` runs its rollback again once the hosts are fixed, \`/dten abort ${id}\` lets them go as they are).`,
    );

    // A person puts the release back and runs the rollback again, as the message said.
    await rename(aside, oldRelease);
    const ack = await type(`rollback ${id}`);
    expect(JSON.parse(ack)).toMatchObject({ response_type: 'ephemeral', text: commandReceivedText() });
    await until(() =>
      inThread().some((m) => lastText(m).includes(`started rolling back rollout`) && lastText(m).includes(id)),
    );
    const note = lastText(inThread().find((m) => lastText(m).includes('started rolling back rollout'))!);
    expect(note).toContain('U-ALICE');
    expect(note).toContain('(now rolling back)');

    // Over once the rollback run again has ended, however it ended.
    await until(async () => {
      const r = await stored(id);
      return (
        r.state !== 'rolling-back' && r.audit.some((entry) => entry.event === 'rollback' && entry.from === 'failed')
      );
    });
    const ended = await stored(id);
    expect(ended.state).toBe('rolled-back');
    expect(ended.audit.slice(-2)).toMatchObject([
      { event: 'rollback', from: 'failed', to: 'rolling-back', actor: { kind: 'user', id: 'U-ALICE' } },
      { event: 'rollback-finished', from: 'rolling-back', to: 'rolled-back', actor: { kind: 'system' } },
    ]);
    expect(ended.hosts['web-1']).toMatchObject({ state: 'rolled-back', changed: false, rollbackAttempt: 2 });
    expect(ended.hosts['web-2']).toMatchObject({ changed: false });
    expect(ended.hosts['web-2']?.rollbackAttempt).toBeUndefined();
    // web-1 runs the old release again, from the folder put back.
    expect(await readlink(web1.layout.currentLink)).toBe(`releases/${installed}`);
    expect(await readJournalSteps(web1.layout, id)).toEqual(
      expect.arrayContaining(['rollback-stop-services:done', 'rollback-switch-current:done', 'rollback-config:done']),
    );
    const version = (await (await fetch(`http://127.0.0.1:${web1.port}/version`)).json()) as { version: string };
    expect(version.version).toBe(installed);

    // The progress message ends rolled back, still saying why the install stopped on web-1.
    expect(ended.hosts['web-1']?.failedWith).toBe(installFailure);
    await until(() => inThread().some((m) => lastText(m).startsWith(`Rollout ${id}: rolled back`)));
    const rolledBackBlocks = lastBlocks(inThread().find((m) => lastText(m).startsWith(`Rollout ${id}: rolled back`))!);
    expect(rolledBackBlocks).toContain(
      '*Install failures (1)*\\n• `web-1` The package script scripts/postinstall.sh failed: it exited with code 1',
    );
    expect(rolledBackBlocks).not.toContain('Failing hosts');

    // Support hears it ended once, for the cause that started the rollback, not the person who ran it again.
    await until(() => announced().length >= 4);
    expect(announced()).toEqual([
      expect.stringContaining('Planned maintenance'),
      expect.stringContaining('Maintenance started'),
      expect.stringContaining('Maintenance update'),
      expect.stringContaining('Maintenance ended: dten stays on its current version'),
    ]);
    expect(announced()[3]).toContain('Some servers did not pass their checks after the upgrade.');
    expect(announced()[3]).not.toContain('Our team decided to stop the upgrade.');
    expect(announced().join('\n')).not.toMatch(/web-\d/);

    // Nothing is left to roll back: asked again, the person is told privately, in one sentence, and nothing changes.
    seen = whispered('U-ALICE');
    await type(`rollback ${id}`);
    const refusal = await nextWhisper('U-ALICE', seen);
    expect(refusal).toContain(`Rollout ${id} is rolled back, so it cannot be rolled back now.`);
    expect(refusal).not.toMatch(/\n\s+at /);
    expect(refusal).not.toContain('Something went wrong');
    expect(refusal).not.toContain('(ref ');
    expect(await stored(id)).toEqual(ended);
    expect(announced()).toHaveLength(4);
  }, 240_000);
});
