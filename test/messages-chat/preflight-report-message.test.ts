import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemblePlantedSecrets } from '../../src/examples/assemble-planted-secrets.js';
import {
  MAX_LISTED_FINDINGS,
  preflightReportMessage,
} from '../../src/messages/chat/preflight/preflight-report-message.js';
import { renderTextReport } from '../../src/messages/preflight/render-text-report.js';
import { countBySeverity, decideVerdict, type PreflightReport } from '../../src/preflight/preflight-report.js';
import { buildYazlZip } from '../archive/build-yazl-zip.js';
import { buildExampleSet, type ExampleSet } from '../examples/build-example-set.js';
import { blockText, expectWithinLimits } from './expect-within-limits.js';
import { runTestPreflight } from './run-test-preflight.js';

const MANIFEST = { name: 'dten', version: '4.2.0', buildDate: '2026-03-01', upgradeFrom: '>=4.1.0', reboot: 'none' };
const PACKAGE = 'Full-upgrade-package-dten.zip';
let examples: ExampleSet;
let arrived: PreflightReport;
let ready: PreflightReport;

beforeAll(async () => {
  examples = await buildExampleSet();
  const { packages, now } = examples;
  [arrived, ready] = await Promise.all([
    runTestPreflight(packages.arrived.outFile, now),
    runTestPreflight(packages.ready.outFile, now, [packages.ready.rootCaPem]),
  ]);
});

afterAll(() => examples.remove());

/** The mrkdwn of each finding section, in message order. */
function findingSections(report: PreflightReport): string[] {
  const { blocks } = preflightReportMessage(report, { packageName: PACKAGE });
  return blocks.flatMap((block) =>
    block.type === 'section' && block.text && /^\*(⛔|⚠️|ℹ️)/.test(block.text.text) ? [block.text.text] : [],
  );
}

describe('the preflight report posted in chat', () => {
  it('when the package as it arrived in the ticket is checked, the header says blocked and the counts are the report’s', () => {
    const message = preflightReportMessage(arrived, { packageName: PACKAGE });
    expectWithinLimits(message);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: `⛔ Preflight blocked: ${PACKAGE}` },
    });
    const { blocker, warning, info } = arrived.counts;
    expect(blocker).toBeGreaterThan(0);
    expect(blockText(message.blocks)).toContain(`*${blocker} blockers · ${warning} warnings · ${info} info*`);
    expect(message.text).toBe(
      `Preflight blocked for ${PACKAGE}: ${blocker} blockers · ${warning} warnings · ${info} info`,
    );
  });

  it('lists every blocker before any warning, each with path:line, what it is and what to do', () => {
    const sections = findingSections(arrived);
    const marks = sections.map((text) => (text.startsWith('*⛔') ? 'blocker' : 'warning'));
    expect(marks.indexOf('warning')).toBe(Math.min(arrived.counts.blocker, MAX_LISTED_FINDINGS));
    expect(marks.lastIndexOf('blocker')).toBe(Math.min(arrived.counts.blocker, MAX_LISTED_FINDINGS) - 1);
    const hybrid = arrived.findings.find(
      (f) => f.category === 'config-key' && f.message.includes('dten.hybrid.enable'),
    );
    const section = sections.find((text) => text.includes('dten.hybrid.enable is'));
    expect(hybrid?.line).toBeDefined();
    expect(section).toContain(`\`${hybrid?.path}:${hybrid?.line}\``);
    expect(section).toContain('→ _Change line');
  });

  it('when not all findings fit, it says how many were left out and attaches the full report as JSON and as text', () => {
    const message = preflightReportMessage(arrived, { packageName: PACKAGE });
    const listed = findingSections(arrived).length;
    expect(listed).toBe(MAX_LISTED_FINDINGS);
    const leftOut = arrived.findings.length - listed;
    expect(blockText(message.blocks)).toContain(`${leftOut} more findings not shown here (`);
    expect(blockText(message.blocks)).toContain(`${arrived.counts.info} info): the full report is attached`);
    const [json, text] = message.attachments;
    expect(json?.filename).toBe('Full-upgrade-package-dten-preflight.json');
    expect(JSON.parse(json?.content ?? '')).toEqual(arrived);
    expect(text).toEqual({ filename: 'Full-upgrade-package-dten-preflight.txt', content: renderTextReport(arrived) });
  });

  it('never shows a planted credential in full: not in the blocks, the fallback text or the attachments', () => {
    const message = preflightReportMessage(arrived, { packageName: PACKAGE });
    const credentials = findingSections(arrived).filter((text) => text.includes(' · credential · '));
    expect(credentials.length).toBeGreaterThanOrEqual(3);
    for (const text of credentials) expect(text).toMatch(/…\(\d+ chars, masked\)/);
    const outputs = [JSON.stringify(message.blocks), message.text, ...message.attachments.map((a) => a.content)];
    const secrets = Object.values(assemblePlantedSecrets());
    // Booleans, so a failure never prints the secret itself.
    for (const output of outputs) expect(secrets.map((s) => output.includes(s))).toEqual(secrets.map(() => false));
  });

  it('when the package as the team ships it is checked with the vendor root trusted, it is not blocked', () => {
    const message = preflightReportMessage(ready, { packageName: PACKAGE });
    expectWithinLimits(message);
    expect(ready.verdict).not.toBe('blocked');
    const header = ready.verdict === 'pass' ? '✅ Preflight passed' : '⚠️ Preflight passed with warnings';
    expect(blockText(message.blocks)).toContain(`${header}: ${PACKAGE}`);
    expect(findingSections(ready).every((text) => text.startsWith('*⚠️ Warning*'))).toBe(true);
  });

  it('when every finding is listed, nothing is attached and nothing is said to be left out', () => {
    const warnings = ready.findings.filter((finding) => finding.severity === 'warning').slice(0, 3);
    const counts = countBySeverity(warnings);
    const small = { ...ready, findings: warnings, counts, verdict: decideVerdict(counts) };
    const message = preflightReportMessage(small, { packageName: PACKAGE });
    expect(findingSections(small)).toHaveLength(warnings.length);
    expect(message.attachments).toEqual([]);
    expect(blockText(message.blocks)).not.toContain('not shown here');
  });
});

describe('text from the package in the chat report', () => {
  it('when a vendor names a script and its product to ping the channel and format text, it shows up inert', async () => {
    const zipPath = join(examples.dir, 'hostile.zip');
    await writeFile(
      zipPath,
      await buildYazlZip([
        { name: 'manifest.json', content: JSON.stringify({ ...MANIFEST, name: '<!channel> *dten*' }) },
        {
          name: 'scripts/<!here>_do_it_.sh',
          content: '#!/bin/sh\n(crontab -l; echo "0 3 * * * /opt/x") | crontab -\n',
        },
      ]),
    );
    const report = await runTestPreflight(zipPath, examples.now);
    const message = preflightReportMessage(report, { packageName: '<@U0MALLORY> hostile.zip' });
    expectWithinLimits(message);
    const shown = [blockText(message.blocks.slice(1)), message.text].join('\n');
    expect(shown).not.toMatch(/<[!@]/);
    expect(shown).toContain('&lt;!channel&gt; ∗dten∗');
    // Inside inline code Slack shows `_` as typed, so the path stays copyable.
    expect(shown).toContain('`scripts/&lt;!here&gt;_do_it_.sh:2`');
    expect(message.text).toContain('&lt;@U0MALLORY&gt; hostile.zip');
  });
});
