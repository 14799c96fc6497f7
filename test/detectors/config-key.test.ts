import { describe, it, expect } from 'vitest';
import { manifestSchema, type Manifest } from '../../src/core/manifest/manifest-schema.js';
import { applyConfigChanges } from '../../src/preflight/detectors/config-key/apply-config-changes.js';
import { createConfigKeyDetector } from '../../src/preflight/detectors/config-key/create-config-key-detector.js';
import { parseConfigText } from '../../src/preflight/detectors/config-key/parse-config-text.js';
import { DEFAULT_POLICY, type Policy } from '../../src/preflight/policy.js';
import { runTextDetector, textFile } from './run-text-detector.js';

function manifestWith(config: unknown[]): Manifest {
  return manifestSchema.parse({
    name: 'dten',
    version: '5.0.0',
    buildDate: '2025-05-01',
    upgradeFrom: '>=4.2 <5',
    reboot: 'recommended',
    config,
  });
}

const DTEN_CONF = [
  '# dten server settings',
  '[server]',
  'port = 8080 ; http',
  'legacy_mode = classic',
  '',
  '[dten.hybrid]',
  '# off until 5.0',
  'enable = false',
  '',
].join('\n');

async function check(files: Record<string, string>, config: unknown[], policy: Policy = DEFAULT_POLICY) {
  return runTextDetector(createConfigKeyDetector, files, { manifest: manifestWith(config), policy });
}

describe('config-key detector', () => {
  it('when dten.hybrid.enable is false in an INI section, the default policy blocks with the fallback consequence and the exact line', async () => {
    const findings = await check({ 'config/dten.conf': DTEN_CONF }, [{ file: 'config/dten.conf' }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'config-key',
      severity: 'blocker',
      rule: 'config-key/wrong-value',
      path: 'config/dten.conf',
      line: 8,
    });
    expect(findings[0]?.message).toBe(
      'dten.hybrid.enable is "false" here but must be true: without dten.hybrid.enable = true, dten falls back to legacy (non-hybrid) behaviour after the upgrade.',
    );
    expect(findings[0]?.remediation).toBe('Change line 8 of config/dten.conf to:\nenable = true');
  });

  it('when yes, on or 1 stand for true, the requirement is met', async () => {
    for (const value of ['yes', 'on', '1', 'True', '"true"']) {
      const conf = `dten.hybrid.enable = ${value}\n`;
      expect(await check({ 'dten.properties': conf }, [{ file: 'dten.properties' }])).toEqual([]);
    }
  });

  it('when a key the manifest removed is still set, it is a blocker at its line saying the new version ignores it', async () => {
    const findings = await check({ 'config/dten.conf': DTEN_CONF.replace('enable = false', 'enable = true') }, [
      { file: 'config/dten.conf', removed: ['server.legacy_mode'] },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'blocker', rule: 'config-key/removed-key', line: 4 }),
    ]);
    expect(findings[0]?.message).toBe(
      'server.legacy_mode is still set here: it was removed in version 5.0.0, so the new version ignores it, or refuses to start if it checks its settings strictly.',
    );
  });

  it('when a required key is missing from nested YAML, the remediation shows the nested lines to add', async () => {
    const yaml = 'dten:\n  server:\n    port: 8080\n  hybrid:\n    mode: edge\n';
    const findings = await check({ 'etc/dten.yaml': yaml }, [
      { file: 'etc/dten.yaml', required: { 'dten.cache.size': 64 } },
    ]);
    const rules = findings.map((finding) => finding.rule);
    expect(rules).toEqual(['config-key/missing-key', 'config-key/missing-key']);
    expect(findings[0]?.message).toBe(
      'dten.cache.size is not set in etc/dten.yaml: the manifest of version 5.0.0 requires dten.cache.size = 64.',
    );
    expect(findings[0]?.remediation).toBe('Add to etc/dten.yaml:\n  cache:\n    size: 64');
    expect(findings[1]?.remediation).toBe('Add to etc/dten.yaml:\n    enable: true');
  });

  it('when JSON holds the key nested, it is found by its dotted name with its line', async () => {
    const json = '{\n  "dten": {\n    "hybrid": {\n      "enable": "false"\n    }\n  }\n}\n';
    const findings = await check({ 'config/dten.json': json }, [{ file: 'config/dten.json' }]);
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([['config-key/wrong-value', 4]]);
    expect(findings[0]?.remediation).toBe('Change line 4 of config/dten.json to:\n      "enable": true');
  });

  it('when a policy rule sets its own severity, the manifest rule for the same key uses it', async () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      config: [
        {
          key: 'server.port',
          kind: 'required',
          value: 443,
          consequence: 'the load balancer only forwards 443',
          severity: 'warning',
        },
      ],
    };
    const findings = await check(
      { 'config/dten.conf': DTEN_CONF },
      [{ file: 'config/dten.conf', required: { 'server.port': 443 } }],
      policy,
    );
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', line: 3 })]);
    expect(findings[0]?.message).toContain('the load balancer only forwards 443');
  });

  it('when the manifest names a config file the package lacks, it is a blocker on the manifest', async () => {
    const findings = await check({ 'config/dten.conf': DTEN_CONF.replace('false', 'true') }, [
      { file: 'config/dten.conf' },
      { file: './config/agent.conf', required: { 'agent.mode': 'pull' } },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'blocker', rule: 'config-key/missing-file', path: 'manifest.json' }),
    ]);
    expect(findings[0]?.message).toContain('config/agent.conf');
  });

  it('when a JSON config is broken, the blocker says where', async () => {
    const findings = await check({ 'config/dten.json': '{\n  "dten": {\n    "hybrid" true\n  }\n}\n' }, [
      { file: 'config/dten.json' },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'config-key/unparsable', line: 3, severity: 'blocker' }),
    ]);
  });

  it('when no config file sets the policy key at all, the first named file gets the line to add', async () => {
    const findings = await check({ 'config/dten.conf': '[server]\nport = 8080\n' }, [{ file: 'config/dten.conf' }]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'config-key/missing-key', severity: 'blocker' })]);
    expect(findings[0]?.remediation).toBe('Add to config/dten.conf:\n[dten.hybrid]\nenable = true');
  });

  it('when the manifest names no config file, the policy key is left for the hosts with an info', async () => {
    const findings = await check({ 'README.md': 'hello' }, []);
    expect(findings).toEqual([expect.objectContaining({ severity: 'info', rule: 'config-key/unchecked' })]);
  });

  it('when a config file arrives in two segments, keys in the second segment keep their real line numbers', async () => {
    const findings = await runTextDetector(
      createConfigKeyDetector,
      [textFile('dten.properties', 'a = 1\nb = 2\n', 1), textFile('dten.properties', 'dten.hybrid.enable = off\n', 3)],
      { manifest: manifestWith([{ file: 'dten.properties' }]) },
    );
    expect(findings.map((finding) => finding.line)).toEqual([3]);
  });

  it('when a required secret-looking key has the wrong value, the value shown is masked', async () => {
    const conf = 'db.password = hunter2-but-much-longer\n';
    const findings = await check({ 'db.properties': conf }, [
      { file: 'db.properties', required: { 'db.password': '${DB_PASSWORD}' } },
    ]);
    expect(JSON.stringify(findings)).not.toContain('hunter2-but-much-longer');
  });
});

describe('parseConfigText', () => {
  it('when TOML has sections, quotes and inline comments, or .env has export lines, keys come out dotted and values unquoted', () => {
    const toml = '# top\ntitle = "dten"\n[dten.hybrid]\nenable = true # since 5.0\n[[plugins]]\nname = \'x\'\n';
    expect(Object.fromEntries(parseConfigText('dten.toml', toml))).toEqual({
      title: { value: 'dten', line: 2 },
      'dten.hybrid.enable': { value: 'true', line: 4 },
      'plugins.name': { value: 'x', line: 6 },
    });
    expect(Object.fromEntries(parseConfigText('.env', 'export DTEN_MODE=hybrid\nhost: a.b\n'))).toEqual({
      DTEN_MODE: { value: 'hybrid', line: 1 },
      host: { value: 'a.b', line: 2 },
    });
  });

  it('when YAML mixes flat and nested keys with lists and block scalars, only mapping keys are read, with their lines', () => {
    const yaml =
      'dten.hybrid.enable: true\nserver:\n  hosts:\n    - name: a\n      port: 1\n  motd: |\n    port: 2\n  port: 8080\n';
    expect(Object.fromEntries(parseConfigText('dten.yml', yaml))).toEqual({
      'dten.hybrid.enable': { value: 'true', line: 1 },
      'server.motd': { value: '|', line: 6 },
      'server.port': { value: '8080', line: 8 },
    });
  });

  it('when JSON nests objects and arrays, keys are flattened with dots and indexes', () => {
    const json = '{"a": {"b": 1, "c": [true, {"d": null}]}}';
    expect(Object.fromEntries(parseConfigText('x.json', json))).toEqual({
      'a.b': { value: '1', line: 1 },
      'a.c.0': { value: 'true', line: 1 },
      'a.c.1.d': { value: 'null', line: 1 },
    });
  });
});

describe('applyConfigChanges', () => {
  it('in INI text, changes a value in place, keeps comments and adds a missing key under its section', () => {
    const out = applyConfigChanges(
      DTEN_CONF,
      { 'dten.hybrid.enable': true, 'dten.hybrid.mode': 'edge', 'server.port': 8443 },
      ['server.legacy_mode'],
      'dten.conf',
    );
    expect(out).toBe(
      [
        '# dten server settings',
        '[server]',
        'port = 8443 ; http',
        '',
        '[dten.hybrid]',
        '# off until 5.0',
        'enable = true',
        'mode = edge',
        '',
      ].join('\n'),
    );
  });

  it('in INI text without a matching section, a new section is appended before the final newline', () => {
    expect(applyConfigChanges('[server]\r\nport = 1\r\n', { 'dten.hybrid.enable': true }, [], 'a.ini')).toBe(
      '[server]\r\nport = 1\r\n\r\n[dten.hybrid]\r\nenable = true\r\n',
    );
  });

  it('in properties text, keeps quotes and separators, and quotes new TOML strings', () => {
    expect(applyConfigChanges('name: "old"\nx=1\n', { name: 'new', y: 'z' }, ['x'], 'a.properties')).toBe(
      'name: "new"\ny: z\n',
    );
    expect(applyConfigChanges('[a]\nb = 1\n', { 'a.c': 'text' }, [], 'a.toml')).toBe('[a]\nb = 1\nc = "text"\n');
  });

  it('in JSON text, keeps indentation, replaces values, nests new keys and removes members with their commas', () => {
    const json =
      '{\n    "dten": {\n        "hybrid": { "enable": false },\n        "legacy": "x",\n        "port": 1\n    }\n}\n';
    const out = applyConfigChanges(
      json,
      { 'dten.hybrid.enable': true, 'dten.cache.size': 64 },
      ['dten.legacy'],
      'dten.json',
    );
    expect(out).toBe(
      '{\n    "dten": {\n        "hybrid": { "enable": true },\n        "port": 1,\n        "cache": {\n            "size": 64\n        }\n    }\n}\n',
    );
    expect(JSON.parse(out)).toEqual({ dten: { hybrid: { enable: true }, port: 1, cache: { size: 64 } } });
  });

  it('in JSON text, removing the last member drops the comma before it and an empty object gets its first member', () => {
    expect(applyConfigChanges('{"a": 1, "b": 2}', {}, ['b'])).toBe('{"a": 1}');
    expect(applyConfigChanges('{}\n', { 'a.b': true }, [])).toBe('{\n  "a": {\n    "b": true\n  }\n}\n');
  });

  it('in YAML text, changes in place, removes a key with its children and nests a new one', () => {
    const yaml = 'dten:\n  hybrid:\n    enable: no   # later\n  legacy:\n    mode: classic\nserver:\n  port: 8080\n';
    expect(
      applyConfigChanges(yaml, { 'dten.hybrid.enable': true, 'server.name': 'a: b' }, ['dten.legacy'], 'x.yaml'),
    ).toBe('dten:\n  hybrid:\n    enable: true   # later\nserver:\n  port: 8080\n  name: "a: b"\n');
  });
});
