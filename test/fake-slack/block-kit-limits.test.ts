import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS as LIMITS } from '../../src/messages/block-kit/limits.js';
import type { KnownBlock } from '../../src/messages/block-kit/types.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';
import { useFakeSlackApi } from '../helpers/fake-slack/use-fake-slack-api.js';

const x = (n: number): string => 'x'.repeat(n);
const mrkdwn = (n: number) => ({ type: 'mrkdwn' as const, text: x(n) });
const plain = (n: number) => ({ type: 'plain_text' as const, text: x(n) });
const shortMrkdwns = (n: number) => Array.from({ length: n }, () => mrkdwn(3));
const button = (over: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain(7),
  action_id: 'approve',
  ...over,
});
const confirm = (over: Record<string, unknown>) => ({
  title: plain(8),
  text: plain(20),
  confirm: plain(3),
  deny: plain(6),
  ...over,
});
const withButton = (over: Record<string, unknown>) => [{ type: 'actions', elements: [button(over)] }];

/** Each Block Kit limit: the blocks with a value of `n`, the limit, and where Slack points when `n` is over it. */
const CASES: [name: string, build: (n: number) => unknown[], limit: number, pointer: string][] = [
  [
    'blocks in a message',
    (n) => Array.from({ length: n }, () => ({ type: 'divider' })),
    LIMITS.blocksPerMessage,
    '/blocks',
  ],
  ['section text', (n) => [{ type: 'section', text: mrkdwn(n) }], LIMITS.sectionText, '/blocks/0/text/text'],
  ['section fields', (n) => [{ type: 'section', fields: shortMrkdwns(n) }], LIMITS.sectionFields, '/blocks/0/fields'],
  ['field text', (n) => [{ type: 'section', fields: [mrkdwn(n)] }], LIMITS.fieldText, '/blocks/0/fields/0/text'],
  ['header text', (n) => [{ type: 'header', text: plain(n) }], LIMITS.headerText, '/blocks/0/text/text'],
  [
    'context elements',
    (n) => [{ type: 'context', elements: shortMrkdwns(n) }],
    LIMITS.contextElements,
    '/blocks/0/elements',
  ],
  ['context text', (n) => [{ type: 'context', elements: [mrkdwn(n)] }], LIMITS.textObject, '/blocks/0/elements/0/text'],
  [
    'buttons in an actions block',
    (n) => [{ type: 'actions', elements: Array.from({ length: n }, (_, i) => button({ action_id: `a${i}` })) }],
    LIMITS.actionsElements,
    '/blocks/0/elements',
  ],
  ['button text', (n) => withButton({ text: plain(n) }), LIMITS.buttonText, '/blocks/0/elements/0/text/text'],
  ['button value', (n) => withButton({ value: x(n) }), LIMITS.buttonValue, '/blocks/0/elements/0/value'],
  ['action_id', (n) => withButton({ action_id: x(n) }), LIMITS.actionId, '/blocks/0/elements/0/action_id'],
  ['block_id', (n) => [{ type: 'divider', block_id: x(n) }], LIMITS.blockId, '/blocks/0/block_id'],
  [
    'confirm title',
    (n) => withButton({ confirm: confirm({ title: plain(n) }) }),
    LIMITS.confirmTitle,
    '/blocks/0/elements/0/confirm/title/text',
  ],
  [
    'confirm text',
    (n) => withButton({ confirm: confirm({ text: plain(n) }) }),
    LIMITS.confirmText,
    '/blocks/0/elements/0/confirm/text/text',
  ],
  [
    'confirm button label',
    (n) => withButton({ confirm: confirm({ deny: plain(n) }) }),
    LIMITS.confirmButtonText,
    '/blocks/0/elements/0/confirm/deny/text',
  ],
];

const api = useFakeSlackApi();
const slack = () => createTestWebClient(api());

function post(blocks: unknown[], text = 'fallback') {
  return slack().chat.postMessage({ channel: 'C0DTENOPS', text, blocks: blocks as KnownBlock[] });
}

describe('the fake Slack enforces every Block Kit limit the way Slack does', () => {
  it.each(CASES)('a message whose %s is just under or at the limit is accepted', async (_name, build, limit) => {
    await expect(post(build(limit - 1))).resolves.toMatchObject({ ok: true });
    await expect(post(build(limit))).resolves.toMatchObject({ ok: true });
  });

  it.each(CASES)(
    'a message whose %s is one over the limit is refused with invalid_blocks',
    async (_name, build, limit, pointer) => {
      const posted = api().messages.length;
      const refusal = await post(build(limit + 1)).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ data: { ok: false, error: 'invalid_blocks' } });
      const errors = (refusal as { data: { errors: string[] } }).data.errors;
      expect(errors.some((e) => e.endsWith(`[json-pointer:${pointer}]`))).toBe(true);
      expect(api().messages).toHaveLength(posted);
    },
  );

  it('an empty section text is refused, as Slack refuses text objects under one character', async () => {
    await expect(post([{ type: 'section', text: mrkdwn(0) }])).rejects.toMatchObject({
      data: { error: 'invalid_blocks', errors: ['must be more than 0 characters [json-pointer:/blocks/0/text/text]'] },
    });
  });

  it('a header or button in mrkdwn is refused: Slack takes plain_text there only', async () => {
    await expect(post([{ type: 'header', text: mrkdwn(5) }])).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    await expect(post(withButton({ text: mrkdwn(5) }))).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });

  it('two blocks with one block_id are refused', async () => {
    const twice = [
      { type: 'divider', block_id: 'same' },
      { type: 'divider', block_id: 'same' },
    ];
    await expect(post(twice)).rejects.toMatchObject({
      data: { errors: ['duplicate block_id [json-pointer:/blocks/1/block_id]'] },
    });
  });

  it('the top-level text is held to 4,000 characters (msg_too_long past it)', async () => {
    await expect(post([], x(LIMITS.messageText))).resolves.toMatchObject({ ok: true });
    await expect(post([], x(LIMITS.messageText + 1))).rejects.toMatchObject({ data: { error: 'msg_too_long' } });
  });

  it('an update that breaks a limit is refused and the message keeps its last good revision', async () => {
    const { ts, channel } = await post([{ type: 'section', text: mrkdwn(10) }]);
    const update = slack().chat.update({
      channel: channel ?? '',
      ts: ts ?? '',
      text: 'progress',
      blocks: [{ type: 'section', text: mrkdwn(LIMITS.sectionText + 1) }],
    });
    await expect(update).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    expect(api().revisions(channel ?? '', ts ?? '')).toEqual([
      { text: 'fallback', blocks: [{ type: 'section', text: mrkdwn(10) }] },
    ]);
  });

  it('a Home tab takes 100 blocks and refuses 101 with invalid_arguments', async () => {
    const home = (n: number) => ({
      type: 'home' as const,
      blocks: Array.from({ length: n }, () => ({ type: 'divider' as const })),
    });
    await expect(
      slack().views.publish({ user_id: 'U-ALICE', view: home(LIMITS.blocksPerView) }),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      slack().views.publish({ user_id: 'U-ALICE', view: home(LIMITS.blocksPerView + 1) }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_arguments', errors: ['no more than 100 items allowed [json-pointer:/view/blocks]'] },
    });
    expect(api().views.map((v) => v.view.blocks.length)).toEqual([LIMITS.blocksPerView]);
  });
});
