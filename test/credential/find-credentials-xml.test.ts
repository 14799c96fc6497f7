import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createCredentialDetector } from '../../src/preflight/detectors/credential/create-credential-detector.js';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { runTextDetector } from '../detectors/run-text-detector.js';
import { makeSecret } from './make-secret.js';

// Assertions on secrets compare booleans, so a failing test never prints a secret.

const where = (text: string): string[] =>
  findCredentials(text).map((match) => `${match.rule}:${match.line}:${match.column}`);

describe('findCredentials on a value alone on the line after its element', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['blanks before the LF', ' \t\n'],
  ])(
    'when an XML file (%s line ends) holds <password> and <apiKey> values on their own lines, each is reported there',
    (_, eol) => {
      const password = makeSecret('xml-next-password', 16);
      const apiKey = makeSecret('xml-next-api-key', 24);
      const xml = [
        '<?xml version="1.0"?>',
        '<agent>',
        '  <password>',
        `    ${password}`,
        '  </password>',
        '  <apiKey>',
        `\t${apiKey}`,
        '  </apiKey>',
        '</agent>',
      ].join(eol);
      const matches = findCredentials(xml);

      expect(matches.map(({ rule, line, column }) => `${rule}:${line}:${column}`)).toEqual([
        'credential/password-assignment:4:5',
        'credential/secret-assignment:7:2',
      ]);
      expect(matches[0]?.secret === password).toBe(true);
      expect(matches[1]?.secret === apiKey).toBe(true);
    },
  );

  it('when a CRLF config file is scanned by the detector, the finding names the file and line of the value and masks it', async () => {
    const password = makeSecret('xml-detector', 16);
    const xml = ['<agent>', '  <password>', `    ${password}`, '  </password>', '</agent>', ''].join('\r\n');
    const findings: Finding[] = await runTextDetector(createCredentialDetector, { 'config/agent.xml': xml });

    expect(findings.map(({ rule, severity, path, line }) => ({ rule, severity, path, line }))).toEqual([
      { rule: 'credential/password-assignment', severity: 'blocker', path: 'config/agent.xml', line: 3 },
    ]);
    expect(findings[0]?.message).toBe(
      `A password written in plain text (${password.slice(0, 4)}…(16 chars, masked)) is in this file at column 5.`,
    );
    expect(JSON.stringify(findings).includes(password)).toBe(false);
  });

  it.each([
    ['the element is the last line of the file', '<agent>\n  <apiKey>'],
    ['the next line is empty', '<apiKey>\n\n</apiKey>'],
    ['the next line is another element', '<apiKey>\n  <value>x</value>\n</apiKey>'],
    ['no closing tag follows the value', `<apiKey>\n  ${makeSecret('xml-open', 24)}\n<other/>`],
  ])('when %s, nothing is reported', (_, xml) => {
    expect(where(xml)).toEqual([]);
  });
});

describe('findCredentials on key="…" value="…" attribute pairs', () => {
  it('when an app.config <add> entry names a password or a token in its key or name, the value is reported', () => {
    const password = makeSecret('attr-password', 16);
    const token = makeSecret('attr-token', 24);
    const config = [
      '<appSettings>',
      `  <add key="DbPassword" value="${password}" />`,
      `  <add name="ApiToken" value="${token}"/>`,
      '</appSettings>',
    ].join('\n');
    const matches = findCredentials(config);

    expect(matches.map(({ rule, line, column }) => ({ rule, line, column }))).toEqual([
      { rule: 'credential/password-assignment', line: 2, column: (config.split('\n')[1] ?? '').indexOf(password) + 1 },
      { rule: 'credential/secret-assignment', line: 3, column: (config.split('\n')[2] ?? '').indexOf(token) + 1 },
    ]);
    expect(matches[0]?.evidence).toBe(`<add key="DbPassword" value="${password.slice(0, 4)}…(16 chars, masked)" />`);
  });

  it.each([
    ['the key names no secret', `<add key="DbHost" value="${makeSecret('attr-host', 16)}" />`],
    ['the value is a placeholder', '<add key="DbPassword" value="changeme" />'],
    ['the value is empty', '<add key="ApiToken" value="" />'],
  ])('when %s, nothing is reported', (_, line) => {
    expect(where(`<appSettings>\n${line}\n</appSettings>`)).toEqual([]);
  });
});
