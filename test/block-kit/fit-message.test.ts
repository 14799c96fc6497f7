import { describe, expect, it } from 'vitest';
import { context } from '../../src/messages/block-kit/context.js';
import { divider } from '../../src/messages/block-kit/divider.js';
import { fitMessage } from '../../src/messages/block-kit/fit-message.js';
import { header } from '../../src/messages/block-kit/header.js';
import { BLOCK_KIT_LIMITS as LIMITS } from '../../src/messages/block-kit/limits.js';
import { section } from '../../src/messages/block-kit/section.js';
import type { KnownBlock } from '../../src/messages/block-kit/types.js';
import { escapeMrkdwn } from '../../src/messages/escape-mrkdwn.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';
import { useFakeSlackApi } from '../helpers/fake-slack/use-fake-slack-api.js';

const sections = (n: number): KnownBlock[] => Array.from({ length: n }, (_, i) => section(`finding ${i + 1}`));

describe('fitting a whole message', () => {
  it('leaves a message of 49 or 50 blocks and 4,000 characters as it is', () => {
    for (const n of [LIMITS.blocksPerMessage - 1, LIMITS.blocksPerMessage]) {
      const text = 't'.repeat(LIMITS.messageText);
      expect(fitMessage({ text, blocks: sections(n) })).toEqual({ text, blocks: sections(n), omitted: 0 });
    }
  });

  it('with 51 blocks, keeps 49 and says the other 2 are in the attached report', () => {
    const fitted = fitMessage({ text: 'Preflight found 51 problems', blocks: sections(LIMITS.blocksPerMessage + 1) });
    expect(fitted.blocks).toHaveLength(LIMITS.blocksPerMessage);
    expect(fitted.blocks.slice(0, 49)).toEqual(sections(49));
    expect(fitted.blocks.at(-1)).toEqual(context(['2 more items not shown — see the attached report']));
    expect(fitted.omitted).toBe(2);
  });

  it('a view may hold 100 blocks', () => {
    expect(fitMessage({ text: '', blocks: sections(100) }, { maxBlocks: LIMITS.blocksPerView }).omitted).toBe(0);
    expect(fitMessage({ text: '', blocks: sections(101) }, { maxBlocks: LIMITS.blocksPerView }).blocks).toHaveLength(
      100,
    );
  });

  it('cuts a notification text of 4,001 characters to 4,000', () => {
    const { text } = fitMessage({ text: 'word '.repeat(900), blocks: [] });
    expect(text.length).toBeLessThanOrEqual(LIMITS.messageText);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe('a preflight with 10,000 findings', () => {
  const api = useFakeSlackApi();

  it('fits one Slack message: the first findings, a note for the rest, and Slack accepts it', async () => {
    // Paths and evidence come from the package: escaped before they go in, with markup a vendor could plant.
    const findings = Array.from({ length: 10_000 }, (_, i) => ({
      path: escapeMrkdwn(`config/site-${i}/<@U0ADMIN>&*creds*.ini`),
      message: escapeMrkdwn(`A hard-coded credential in <https://evil.example|click me> ${'padding '.repeat(500)}`),
    }));
    const blocks: KnownBlock[] = [
      header('Preflight: BLOCKED — 10,000 blockers'),
      divider(),
      ...findings.map((f) => section(`*${f.path}*\n${f.message}`)),
    ];
    const text = findings.map((f) => f.path).join(', ');
    const fitted = fitMessage({ text, blocks });
    expect(fitted.blocks).toHaveLength(LIMITS.blocksPerMessage);
    expect(fitted.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    expect(fitted.omitted).toBe(10_002 - 49);
    expect(fitted.blocks.at(-1)).toEqual(context(['9,953 more items not shown — see the attached report']));
    const posted = await createTestWebClient(api()).chat.postMessage({ channel: 'C0DTENOPS', ...fitted });
    expect(posted.ok).toBe(true);
    const shown = JSON.stringify(api().messages[0]?.revisions[0]);
    expect(shown).not.toContain('<@U0ADMIN>');
    expect(shown).not.toContain('<https://evil.example');
  });
});
