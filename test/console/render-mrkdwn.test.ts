import { describe, expect, it } from 'vitest';
import { createPainter } from '../../src/console/create-painter.js';
import { renderMrkdwn } from '../../src/console/render-mrkdwn.js';
import { escapeMrkdwn } from '../../src/messages/escape-mrkdwn.js';

const plain = (mrkdwn: string): string => renderMrkdwn(mrkdwn, createPainter(false));

describe('reading Slack mrkdwn in a terminal', () => {
  it('drops emphasis marks and keeps the words', () => {
    expect(plain('*Approved* by _Bob_, ~not~ by Alice')).toBe('Approved by Bob, not by Alice');
    expect(plain('run `dten preflight pkg.zip` first')).toBe('run dten preflight pkg.zip first');
    expect(plain('```\nline 1\nline 2\n```')).toBe('line 1\nline 2');
  });

  it('leaves a lone asterisk or a snake_case name alone', () => {
    expect(plain('5 * 3 hosts, dten_hybrid_enable, 2*3')).toBe('5 * 3 hosts, dten_hybrid_enable, 2*3');
  });

  it('shows links as label (url), and mentions as @ and #', () => {
    expect(plain('see <https://ci.example/r/42|the report> or <https://ci.example>')).toBe(
      'see the report (https://ci.example/r/42) or https://ci.example',
    );
    expect(plain('<@U123> and <@U456|bob> in <#C1|dten-ops> or <#C2>')).toBe('@U123 and @bob in #dten-ops or #C2');
    expect(plain('<!here> <!channel> <!subteam^S9|@release-managers> <!subteam^S9>')).toBe(
      '@here @channel @release-managers @S9',
    );
    expect(plain('<!date^1773525600^{date_short}|Mar 14>')).toBe('Mar 14');
  });

  it('decodes Slack escapes once, so escaped package text reads as it was written', () => {
    expect(plain('R&amp;D &lt;ops&gt; &amp;lt;')).toBe('R&D <ops> &lt;');
    const planted = 'config/<@U0ADMIN>&*x*.ini';
    expect(plain(escapeMrkdwn(planted))).toBe('config/<@U0ADMIN>&∗x∗.ini');
  });

  it('makes control characters visible, so message text cannot move the cursor or recolour the terminal', () => {
    expect(plain('evil\u001b[2Jname\u202Etxt.exe')).toBe('evil\\x1B[2Jname\\u{202E}txt.exe');
  });

  it('with colour on, emphasis and code become ANSI styles', () => {
    expect(renderMrkdwn('*bold* and `code`', createPainter(true))).toBe(
      '\u001b[1mbold\u001b[22m and \u001b[36mcode\u001b[39m',
    );
  });
});
