import { describe, expect, it } from 'vitest';
import { escapeForDisplay } from '../../src/core/findings/escape-for-display.js';
import { escapeMrkdwn } from '../../src/messages/escape-mrkdwn.js';

describe('escaping names from untrusted archives for display', () => {
  it('when a name holds control characters, they show as \\xNN', () => {
    expect(escapeForDisplay('a\nb\tc\x00d\x7f\x9b')).toBe('a\\x0Ab\\x09c\\x00d\\x7F\\x9B');
  });

  it('when a name holds a right-to-left override, it is made visible so the name reads as stored', () => {
    expect(escapeForDisplay('invoice\u202Egpj.sh')).toBe('invoice\\u{202E}gpj.sh');
    expect(escapeForDisplay('a\u2066b\u2069c\u200Bd')).toBe('a\\u{2066}b\\u{2069}c\\u{200B}d');
  });

  it('when a name holds Slack control characters, chat text entity-escapes them so no mention or link can render', () => {
    expect(escapeMrkdwn('<!channel> & <https://evil.example|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;',
    );
  });

  it('when a name holds mrkdwn markers, chat text replaces them by look-alikes that cannot format text', () => {
    const shown = escapeMrkdwn('*bold* _it_ ~gone~ `code`');
    expect(shown).not.toMatch(/[*_~`]/);
    expect(shown).toBe('\u2217bold\u2217 \u02CDit\u02CD \u223Cgone\u223C \u02CBcode\u02CB');
  });

  it('when an underscore joins two words it stays, since it cannot open or close italics there', () => {
    expect(escapeMrkdwn('DTEN_PROBES pre_install.sh _x_ a_ _b snake__case')).toBe(
      'DTEN_PROBES pre_install.sh \u02CDx\u02CD a\u02CD \u02CDb snake\u02CD\u02CDcase',
    );
  });

  it('when a name is ordinary Unicode, it is unchanged', () => {
    for (const name of [
      'Turmion Kätilöt/Mistä veri pakenee.mp3',
      '七个房间.txt',
      'cafe\u0301.txt',
      'release 🚀.md',
      'a/b-c.d',
      'scripts/pre_install.sh',
      '<!channel> & *bold*',
    ]) {
      expect(escapeForDisplay(name)).toBe(name);
    }
  });
});
