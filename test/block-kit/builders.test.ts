import { describe, expect, it } from 'vitest';
import { actions } from '../../src/messages/block-kit/actions.js';
import { BlockKitLimitError } from '../../src/messages/block-kit/block-kit-limit-error.js';
import { button } from '../../src/messages/block-kit/button.js';
import { confirmDialog } from '../../src/messages/block-kit/confirm-dialog.js';
import { context } from '../../src/messages/block-kit/context.js';
import { divider } from '../../src/messages/block-kit/divider.js';
import { fields } from '../../src/messages/block-kit/fields.js';
import { header } from '../../src/messages/block-kit/header.js';
import { BLOCK_KIT_LIMITS as LIMITS } from '../../src/messages/block-kit/limits.js';
import { section } from '../../src/messages/block-kit/section.js';
import type { KnownBlock } from '../../src/messages/block-kit/types.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';
import { useFakeSlackApi } from '../helpers/fake-slack/use-fake-slack-api.js';

/** Words of five letters and a space: long enough to cross any limit, cut at a word end. */
const words = (length: number): string => 'word '.repeat(Math.ceil(length / 5)).slice(0, length);
const many = (n: number, label = 'item'): string[] => Array.from({ length: n }, (_, i) => `${label} ${i + 1}`);
const ok = (n: number) => button({ text: `Host ${n}`, actionId: `host-${n}` });

describe('Block Kit builders stay inside Slack limits', () => {
  it.each([
    ['header', (t: string) => header(t).text.text, LIMITS.headerText],
    ['section text', (t: string) => section(t).text?.text, LIMITS.sectionText],
    ['field text', (t: string) => section('', { fields: [t] }).fields?.[0]?.text, LIMITS.fieldText],
    ['context text', (t: string) => (context([t]).elements[0] as { text: string }).text, LIMITS.textObject],
    ['button label', (t: string) => button({ text: t, actionId: 'a' }).text.text, LIMITS.buttonText],
    ['confirm title', (t: string) => confirmDialog({ title: t, text: 'x' }).title?.text, LIMITS.confirmTitle],
    ['confirm text', (t: string) => confirmDialog({ title: 'x', text: t }).text.text, LIMITS.confirmText],
    [
      'confirm label',
      (t: string) => confirmDialog({ title: 'x', text: 'y', confirm: t }).confirm?.text,
      LIMITS.confirmButtonText,
    ],
  ])('a %s below or at its limit is kept whole; one over is cut at a word with …', (_name, build, limit) => {
    expect(build(words(limit - 1))).toBe(words(limit - 1));
    expect(build(words(limit))).toBe(words(limit));
    const cut = build(words(limit + 1)) ?? '';
    expect(cut.length).toBeLessThanOrEqual(limit);
    expect(cut).toMatch(/word…$/);
  });

  it('a section keeps ten fields; with eleven, the tenth says how many more there were', () => {
    expect(section('', { fields: many(LIMITS.sectionFields) }).fields?.map((f) => f.text)).toEqual(many(10));
    const eleven = section('', { fields: many(LIMITS.sectionFields + 1) });
    expect(eleven.fields?.map((f) => f.text)).toEqual([...many(9), '…and 2 more']);
    expect(eleven.text).toBeUndefined();
  });

  it('a context keeps ten elements; with twelve, the tenth says how many more there were', () => {
    expect(context(many(LIMITS.contextElements)).elements).toHaveLength(10);
    const twelve = context(many(LIMITS.contextElements + 2)).elements as { text: string }[];
    expect(twelve.map((e) => e.text)).toEqual([...many(9), '…and 3 more']);
  });

  it('an actions block keeps the first 25 buttons', () => {
    const buttons = Array.from({ length: LIMITS.actionsElements + 1 }, (_, i) => ok(i + 1));
    expect(actions(buttons.slice(0, 25)).elements).toHaveLength(25);
    expect(actions(buttons).elements.map((b) => (b as { action_id: string }).action_id)).toEqual(
      buttons.slice(0, 25).map((b) => b.action_id),
    );
  });

  it.each([
    ['action_id', (v: string) => button({ text: 'Approve', actionId: v }), LIMITS.actionId],
    ['button value', (v: string) => button({ text: 'Approve', actionId: 'approve', value: v }), LIMITS.buttonValue],
    ['button URL', (v: string) => button({ text: 'Report', actionId: 'open', url: v }), LIMITS.buttonUrl],
    ['block_id', (v: string) => actions([ok(1)], { blockId: v }), LIMITS.blockId],
  ])(
    'a %s at its limit is kept; one over is refused, because a cut key would mean another action',
    (field, build, limit) => {
      expect(() => build('k'.repeat(limit))).not.toThrow();
      const refusal = (() => {
        try {
          build('k'.repeat(limit + 1));
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refusal).toBeInstanceOf(BlockKitLimitError);
      expect(refusal).toMatchObject({ field, length: limit + 1, limit });
    },
  );

  it('empty text never reaches Slack (which refuses it): a dash stands in', () => {
    expect(header('  ').text.text).toBe('—');
    expect(section('').text?.text).toBe('—');
  });

  it('fields() puts a bold label over each value and keeps both within 2,000 characters', () => {
    expect(fields(['Package', 'dten 4.2.0'], ['Hosts', '12'])).toEqual(['*Package*\ndten 4.2.0', '*Hosts*\n12']);
    const [long] = fields([words(1000), words(3000)]);
    expect(long?.length).toBeLessThanOrEqual(LIMITS.fieldText);
    expect(long).toMatch(/^\*word[^*]*…\*\nword/);
  });

  it('buttons carry style, value and a confirm dialog the way Slack expects them', () => {
    const confirm = confirmDialog({
      title: 'Reject this rollout?',
      text: 'Alice will be told.',
      confirm: 'Reject',
      style: 'danger',
    });
    expect(button({ text: 'Reject', actionId: 'reject', value: 'r-42', style: 'danger', confirm })).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Reject', emoji: true },
      action_id: 'reject',
      value: 'r-42',
      style: 'danger',
      confirm: {
        title: { type: 'plain_text', text: 'Reject this rollout?', emoji: true },
        text: { type: 'plain_text', text: 'Alice will be told.', emoji: true },
        confirm: { type: 'plain_text', text: 'Reject', emoji: true },
        deny: { type: 'plain_text', text: 'Cancel', emoji: true },
        style: 'danger',
      },
    });
  });
});

describe('what the builders make from oversized input is accepted by Slack', () => {
  const api = useFakeSlackApi();

  it('a message of over-long header, section, fields, context and buttons posts without invalid_blocks', async () => {
    const long = (n: number) => words(n * 2);
    const confirm = confirmDialog({ title: long(LIMITS.confirmTitle), text: long(LIMITS.confirmText), deny: long(30) });
    const blocks: KnownBlock[] = [
      header(long(LIMITS.headerText)),
      section(long(LIMITS.sectionText), {
        fields: many(15).map((f) => `${f} ${long(LIMITS.fieldText)}`),
        accessory: ok(0),
      }),
      context(many(14).map((e) => `${e} ${long(LIMITS.textObject)}`)),
      divider(),
      actions([
        button({ text: long(LIMITS.buttonText), actionId: 'approve', confirm }),
        ...many(30).map((_, i) => ok(i + 1)),
      ]),
    ];
    const slack = createTestWebClient(api());
    await expect(
      slack.chat.postMessage({ channel: 'C0DTENOPS', text: 'Approval needed', blocks }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });
});
