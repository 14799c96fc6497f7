import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/console/render-blocks.js';
import { actions } from '../../src/messages/block-kit/actions.js';
import { button } from '../../src/messages/block-kit/button.js';
import { confirmDialog } from '../../src/messages/block-kit/confirm-dialog.js';
import { context } from '../../src/messages/block-kit/context.js';
import { divider } from '../../src/messages/block-kit/divider.js';
import { fields } from '../../src/messages/block-kit/fields.js';
import { header } from '../../src/messages/block-kit/header.js';
import { section } from '../../src/messages/block-kit/section.js';
import type { KnownBlock } from '../../src/messages/block-kit/types.js';
import { escapeMrkdwn } from '../../src/messages/escape-mrkdwn.js';

/** The approval card a release manager gets, built with the same builders the bot uses. */
function approvalCard(rolloutId: string): KnownBlock[] {
  return [
    header('Approve rollout of dten 4.2.0?'),
    section(`<@U-ALICE> asks to upgrade *12 hosts*. <https://ci.example/r/42|Preflight report>: 0 blockers.`, {
      fields: fields(
        ['Package', 'dten 4.2.0'],
        ['Hosts', '12 (canary 1, then 2 a wave)'],
        ['Window', '22:00–23:00 UTC'],
      ),
    }),
    context(['Requested by <@U-ALICE>', 'plan `3f2a9c`']),
    divider(),
    actions(
      [
        button({ text: 'Approve', actionId: 'rollout-approve', value: rolloutId, style: 'primary' }),
        button({
          text: 'Reject',
          actionId: 'rollout-reject',
          value: rolloutId,
          style: 'danger',
          confirm: confirmDialog({ title: 'Reject this rollout?', text: 'Alice will be told.', confirm: 'Reject' }),
        }),
      ],
      { blockId: `approval-${rolloutId}` },
    ),
  ];
}

describe('showing a Slack message in the console', () => {
  it('renders an approval card: underlined header, text, two columns of fields, dimmed context, rule, numbered buttons', () => {
    const { text } = renderBlocks(approvalCard('r-42'), { buttonNumbers: 1, width: 40 });
    expect(text).toBe(
      [
        'Approve rollout of dten 4.2.0?',
        '══════════════════════════════',
        '@U-ALICE asks to upgrade 12 hosts. Preflight report (https://ci.example/r/42): 0 blockers.',
        'Package           Hosts',
        'dten 4.2.0        12 (canary 1, then 2 a wave)',
        'Window',
        '22:00–23:00 UTC',
        '· Requested by @U-ALICE · plan 3f2a9c',
        '────────────────────────────────────────',
        '[1] Approve  [2] Reject',
      ].join('\n'),
    );
  });

  it('numbers buttons from the counter the session passes, and says what each number presses', () => {
    const first = renderBlocks(approvalCard('r-41'), { buttonNumbers: 1 });
    const second = renderBlocks(approvalCard('r-42'), { buttonNumbers: first.nextButtonNumber });
    expect(second.text).toContain('[3] Approve  [4] Reject');
    expect(second.nextButtonNumber).toBe(5);
    expect(second.buttons.get(3)).toEqual({
      text: 'Approve',
      actionId: 'rollout-approve',
      value: 'r-42',
      blockId: 'approval-r-42',
    });
    expect(second.buttons.get(4)).toEqual({
      text: 'Reject',
      actionId: 'rollout-reject',
      value: 'r-42',
      blockId: 'approval-r-42',
      confirm: { title: 'Reject this rollout?', text: 'Alice will be told.', confirm: 'Reject', deny: 'Cancel' },
    });
    expect([...first.buttons.keys()]).toEqual([1, 2]);
  });

  it('a button beside a section text gets a number too, and a link button shows where it goes', () => {
    const blocks = [
      section('web-03 failed its health check', {
        accessory: button({ text: 'Retry', actionId: 'retry', value: 'web-03' }),
      }),
      actions([button({ text: 'Full report', actionId: 'open-report', url: 'https://ci.example/r/42' })]),
    ];
    const { text, buttons } = renderBlocks(blocks, { buttonNumbers: 7 });
    expect(text).toBe('web-03 failed its health check\n[7] Retry\n[8] Full report (https://ci.example/r/42)');
    expect(buttons.get(8)).toEqual({ text: 'Full report', actionId: 'open-report', url: 'https://ci.example/r/42' });
  });

  it('text from a package shows as written, its markup neither rendered nor able to drive the terminal', () => {
    const path = escapeMrkdwn('etc/<!channel>&co/\u001b[31mred.ini');
    const { text } = renderBlocks([header(path), section(`*${path}*: credential`)], { buttonNumbers: 1 });
    expect(text.split('\n')[0]).toBe('etc/<!channel>&co/\\x1B[31mred.ini');
    expect(text.split('\n')[2]).toBe('etc/<!channel>&co/\\x1B[31mred.ini: credential');
  });

  it('uses no ANSI codes unless asked; with colour, primary is green, danger red and context dim', () => {
    expect(renderBlocks(approvalCard('r-1'), { buttonNumbers: 1 }).text).not.toContain('\u001b[');
    const { text } = renderBlocks(approvalCard('r-1'), { buttonNumbers: 1, color: true });
    expect(text).toContain('\u001b[32m[1] Approve\u001b[39m  \u001b[31m[2] Reject\u001b[39m');
    expect(text).toContain('\u001b[2m· Requested by @U-ALICE');
    expect(text.split('\n')[0]).toBe('\u001b[1mApprove rollout of dten 4.2.0?\u001b[22m');
  });

  it('names what the console cannot show instead of dropping it', () => {
    const blocks = [
      { type: 'image', image_url: 'https://grafana.example/blip.png', alt_text: 'error rate during the upgrade' },
      { type: 'actions', elements: [{ type: 'static_select', action_id: 'pick' }] },
      {
        type: 'video',
        alt_text: 'demo',
        title: { type: 'plain_text', text: 'demo' },
        video_url: 'u',
        thumbnail_url: 't',
      },
    ] as KnownBlock[];
    expect(renderBlocks(blocks, { buttonNumbers: 1 }).text).toBe(
      [
        '[image: error rate during the upgrade]',
        '[static_select: open Slack to use it]',
        '[video block: open Slack to see it]',
      ].join('\n'),
    );
  });
});
