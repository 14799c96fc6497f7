import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { PROVIDER_CASES } from './provider-cases.js';

// Assertions on secrets compare booleans, so a failing test never prints a secret.

const HEADER = ['# dten agent configuration', 'log_level: info', ''];

describe('findCredentials on provider tokens, connection strings and assignments', () => {
  it.each(PROVIDER_CASES)(
    'when a package file holds a $name, it is reported once on the line it sits on',
    (example) => {
      const matches = findCredentials([...HEADER, example.line, 'workers: 4'].join('\n'));

      expect(matches.map(({ rule, line, severity }) => ({ rule, line, severity }))).toEqual([
        { rule: example.rule, line: HEADER.length + 1, severity: example.severity },
      ]);
      expect(matches[0]?.column).toBe(example.line.indexOf(example.secret) + 1);
      expect(matches[0]?.secret === example.secret).toBe(true);
    },
  );

  it.each(PROVIDER_CASES)('when a $name is found, the evidence shows the line with the secret masked', (example) => {
    const [match] = findCredentials(example.line);

    expect(match?.evidence.includes(example.secret)).toBe(false);
    expect(match?.evidence).toContain('masked');
    expect(match?.evidence).toContain(example.line.slice(0, example.line.indexOf(example.secret)).trim().slice(0, 20));
  });

  it('when the text is a later segment of a big file, line numbers continue from that segment’s first line', () => {
    const example = PROVIDER_CASES[0];
    const matches = findCredentials(`one\ntwo\n${example?.line ?? ''}\n`, 5001);

    expect(matches.map((match) => match.line)).toEqual([5003]);
  });

  it('when two secrets share a line, both are reported and the evidence of each masks both', () => {
    const [first, second] = PROVIDER_CASES;
    const line = `${first?.line ?? ''} ${second?.line ?? ''}`;
    const matches = findCredentials(line);

    expect(matches.map((match) => match.rule)).toEqual([first?.rule, second?.rule]);
    for (const match of matches) {
      expect(match.evidence.includes(first?.secret ?? '?')).toBe(false);
      expect(match.evidence.includes(second?.secret ?? '?')).toBe(false);
    }
  });

  it('when a secret sits on a minified line of megabytes, the evidence is a short window around it', () => {
    const example = PROVIDER_CASES.find((entry) => entry.rule === 'credential/github-token');
    const filler = 'var a=1;'.repeat(20_000);
    const [match] = findCredentials(`${filler}${example?.line ?? ''};${filler}`);

    expect(match?.rule).toBe('credential/github-token');
    expect(match?.evidence.length).toBeLessThan(260);
    expect(match?.evidence).toContain('GITHUB_TOKEN=');
  });
});
