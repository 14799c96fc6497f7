import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/messages/escape-mrkdwn.js';
import { fitText } from '../../src/messages/block-kit/fit-text.js';

/** Every `&…;` is whole and every `<` has its `>`: what Slack needs to render the rest of the text. */
function expectIntactMarkup(text: string): void {
  expect(text.replace(/&(?:amp|lt|gt);/g, '')).not.toMatch(/&/);
  expect(text.replace(/<[^<>\n]*>/g, '')).not.toMatch(/[<>]/);
}

describe('fitting text to a Slack limit', () => {
  it('leaves text below or at the limit as it is', () => {
    expect(fitText('web-01 upgraded', 16)).toBe('web-01 upgraded');
    expect(fitText('web-01 upgraded', 15)).toBe('web-01 upgraded');
  });

  it('cuts text one over the limit at the last word, with an ellipsis', () => {
    const fitted = fitText('The canary host web-01 upgraded cleanly', 38);
    expect(fitted).toBe('The canary host web-01 upgraded…');
    expect(fitted.length).toBeLessThanOrEqual(38);
  });

  it('cuts one long word where it must when no word end is near', () => {
    expect(fitText('sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 20)).toBe(
      'sha256:9f86d081884c…',
    );
  });

  it('never leaves half of an escape: a path with & and < from a package stays readable', () => {
    const path = escapeMrkdwn('config/a&b<c>.ini');
    expect(path).toBe('config/a&amp;b&lt;c&gt;.ini');
    for (let limit = 1; limit <= path.length; limit += 1) {
      const fitted = fitText(path, limit);
      expect(fitted.length).toBeLessThanOrEqual(limit);
      expectIntactMarkup(fitted);
    }
  });

  it('never cuts a link, a mention or an escape in half, whatever the limit', () => {
    const text =
      'See <https://ci.example/runs/42|the preflight report> &amp; ask <@U0ALICE> or <!subteam^S0RM|@release-managers> before 22:00 &lt;UTC&gt;';
    for (let limit = 1; limit <= text.length + 1; limit += 1) {
      const fitted = fitText(text, limit);
      expect(fitted.length).toBeLessThanOrEqual(limit);
      expectIntactMarkup(fitted);
      if (limit < text.length) expect(fitted.endsWith('…')).toBe(true);
    }
    expect(fitText(text, 40)).toBe('See…');
    expect(fitText(text, 60)).toBe('See <https://ci.example/runs/42|the preflight report> &amp;…');
  });

  it('does not split an emoji (a surrogate pair) at the cut', () => {
    const fitted = fitText('🚨'.repeat(10), 6);
    expect(fitted).toBe('🚨🚨…');
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
