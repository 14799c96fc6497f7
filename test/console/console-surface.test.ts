import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleSurface, type ConsoleSurface } from '../../src/console/create-console-surface.js';
import { actions } from '../../src/messages/block-kit/actions.js';
import { button } from '../../src/messages/block-kit/button.js';
import { confirmDialog } from '../../src/messages/block-kit/confirm-dialog.js';
import type { SlackMessage } from '../../src/messages/block-kit/slack-message.js';
import { header } from '../../src/messages/block-kit/header.js';
import { section } from '../../src/messages/block-kit/section.js';

const AT = new Date('2026-03-14T22:00:05.000Z');

function card(title: string, rolloutId: string): SlackMessage {
  return {
    text: title,
    blocks: [
      header(title),
      actions([
        button({ text: 'Approve', actionId: 'rollout-approve', value: rolloutId, style: 'primary' }),
        button({
          text: 'Reject',
          actionId: 'rollout-reject',
          value: rolloutId,
          confirm: confirmDialog({ title: 'Reject?', text: 'Alice will be told.', confirm: 'Reject' }),
        }),
      ]),
    ],
  };
}

let printed: string[];
let filesDir: string;
let surface: ConsoleSurface;

beforeEach(async () => {
  printed = [];
  filesDir = await mkdtemp(join(tmpdir(), 'dten-console-surface-'));
  surface = createConsoleSurface((text) => printed.push(text), { filesDir, now: () => AT });
});

afterEach(async () => {
  await rm(filesDir, { recursive: true, force: true });
});

describe('the console as a chat surface', () => {
  it('prints each post under a numbered header with channel, thread and UTC time, numbering buttons across messages', async () => {
    const plan = await surface.post('#console', { text: 'Plan r-1', blocks: [section('*Plan* r-1')] });
    const first = await surface.post('#console', card('Approve r-1?', 'r-1'), { threadTs: plan.ts });
    await surface.post('#ops', card('Approve r-2?', 'r-2'));

    expect(printed[0]).toBe('\n── #1 · #console · 22:00:05 UTC ──\nPlan r-1');
    expect(printed[1]).toBe(
      '\n── #2 · #console · thread of #1 · 22:00:05 UTC ──\nApprove r-1?\n════════════\n[1] Approve  [2] Reject',
    );
    expect(printed[2]).toContain('── #3 · #ops · 22:00:05 UTC ──');
    expect(printed[2]).toContain('[3] Approve  [4] Reject');
    expect(surface.button(2)).toMatchObject({
      kind: 'live',
      messageNumber: 2,
      message: first,
      button: { actionId: 'rollout-reject', value: 'r-1', confirm: { title: 'Reject?', confirm: 'Reject' } },
    });
    expect(surface.button(3)).toMatchObject({ kind: 'live', message: { channel: '#ops' }, button: { value: 'r-2' } });
    expect(surface.button(5)).toBeUndefined();
  });

  it('an edit is printed as an edit of #n; the old buttons stop working and the new version gets new numbers', async () => {
    const ref = await surface.post('#console', card('Approve r-1?', 'r-1'));
    await surface.update(ref, { text: 'Approved', blocks: [section('✅ Approved by <@U-BOB>')] });
    await surface.update(ref, card('Approve r-1 again?', 'r-1'));

    expect(printed[1]).toBe('\n── #1 edited · #console · 22:00:05 UTC ──\n✅ Approved by @U-BOB');
    expect(printed[2]).toContain('[3] Approve  [4] Reject');
    expect(surface.button(1)).toEqual({ kind: 'edited', messageNumber: 1 });
    expect(surface.button(2)).toEqual({ kind: 'edited', messageNumber: 1 });
    expect(surface.button(3)).toMatchObject({ kind: 'live', message: ref, button: { actionId: 'rollout-approve' } });
  });

  it('prints every edit that changes something, and none that changes nothing', async () => {
    const ref = await surface.post('#console', { text: 'p', blocks: [section('0 of 5 hosts done')] });
    for (const done of [1, 1, 2, 2, 2, 3])
      await surface.update(ref, { text: 'p', blocks: [section(`${done} of 5 hosts done`)] });
    expect(printed.map((text) => text.split('\n').at(-1))).toEqual([
      '0 of 5 hosts done',
      '1 of 5 hosts done',
      '2 of 5 hosts done',
      '3 of 5 hosts done',
    ]);
  });

  it('a whisper says only its user sees it, and like an ephemeral message it cannot be edited; neither can an unknown one', async () => {
    await surface.whisper('#console', 'U-ALICE', {
      text: 'no',
      blocks: [section('⚠️ You cannot approve your own plan.')],
    });
    expect(printed[0]).toBe(
      '\n(only you) ── #1 · to U-ALICE in #console · 22:00:05 UTC ──\n⚠️ You cannot approve your own plan.',
    );
    const ts = `${Math.floor(AT.getTime() / 1000)}.000001`;
    await expect(surface.update({ channel: '#console', ts }, { text: 'x', blocks: [] })).rejects.toThrow(
      'cant_update_message',
    );
    await expect(surface.update({ channel: '#console', ts: '1.2' }, { text: 'x', blocks: [] })).rejects.toThrow(
      'message_not_found',
    );
  });

  it('a message without blocks shows its text; uploads are written to files whose paths are printed', async () => {
    const ref = await surface.post('#console', { text: 'Preflight of *pkg.zip*: 2 warnings', blocks: [] });
    await surface.upload(
      '#console',
      [
        { filename: 'report.json', title: 'JSON report', content: '{"verdict":"warnings"}' },
        { filename: '../../etc/passwd', content: 'plain' },
      ],
      { threadTs: ref.ts, comment: 'The full preflight report' },
    );
    expect(printed[0]).toBe('\n── #1 · #console · 22:00:05 UTC ──\nPreflight of pkg.zip: 2 warnings');
    const json = join(filesDir, '2-report.json');
    const other = join(filesDir, '2-passwd');
    expect(printed[1]).toBe(
      `\n── #2 · #console · thread of #1 · 2 files · 22:00:05 UTC ──\nThe full preflight report\n${json}  (JSON report)\n${other}`,
    );
    expect(await readFile(json, 'utf8')).toBe('{"verdict":"warnings"}');
    expect(await readFile(other, 'utf8')).toBe('plain');
  });

  it('the App Home is printed for its user and its buttons can be pressed too', async () => {
    await surface.publishHome('U-BOB', [
      header('dten rollouts'),
      actions([button({ text: 'Status', actionId: 'status', value: 'r-1' })]),
    ]);
    expect(printed[0]).toBe('\n── #1 · App Home of U-BOB · 22:00:05 UTC ──\ndten rollouts\n═════════════\n[1] Status');
    expect(surface.button(1)).toMatchObject({ kind: 'live', message: { channel: '#console' } });
  });
});
