import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors/user-error.js';
import type { Finding } from '../../src/core/findings/finding.js';
import { maskSecret } from '../../src/core/findings/mask-secret.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import type { PreflightReport } from '../../src/preflight/preflight-report.js';
import { FAKE_BOT_TOKEN } from '../helpers/fake-slack-api.js';
import { buildCredentialPackage, type PlantedCredential } from './build-credential-package.js';
import { sendSigned, slashCommandBody } from './slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';
const PACKAGE = 'acme-agent-5.0.0.zip';
/** Secrets are new on every run; the seed in a failure names the run. */
const SEED = randomBytes(6).toString('hex');
/** Twice what a mask shows of a secret (maskSecret: at most its first 4 characters). */
const WINDOW = 8;

let bot: SlackTestBot;
let packageDir: string;
let planted: PlantedCredential[];
beforeAll(async () => {
  packageDir = await mkdtemp(join(tmpdir(), 'dten-secret-packages-'));
  const built = buildCredentialPackage(SEED, ['staging', 'production', 'dr']);
  planted = built.planted;
  await writeFile(join(packageDir, PACKAGE), built.zip);
  bot = await startSlackTestBot({ logLevel: 'debug', env: { DTEN_PACKAGE_DIR: packageDir } });
  // A registered host is all `/dten plan` needs to get as far as checking the package: no agent has to run.
  await bot.slack.bot.plane.hosts.register({
    hostId: 'web-1',
    labels: { env: 'demo' },
    components: { 'acme-agent': '4.9.0' },
    units: [],
    scheduledTasks: [],
    configKeys: [],
    freeDiskBytes: 10 * 1024 ** 3,
    agentVersion: '0.1.0',
    seenAt: new Date().toISOString(),
  });
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await rm(packageDir, { recursive: true, force: true });
}, 60_000);

/** Polls what the fake Slack or the log shows until `found` is true; the test timeout bounds it. */
async function until(found: () => boolean): Promise<void> {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const botFiles = () => bot.api.files.filter((file) => file.token === FAKE_BOT_TOKEN && file.completed);
const fileText = (suffix: string): string =>
  botFiles()
    .find((file) => file.filename.endsWith(suffix))
    ?.content?.toString('utf8') ?? '';
const where = (credential: { path: string; line: number }): string => `${credential.path}:${credential.line}`;

/** Every 8-character run of the secret: a mask shows at most its first 4, so each run reaches into what it hides. */
function hiddenRuns(secret: string): string[] {
  const runs: string[] = [];
  for (let start = 0; start + WINDOW <= secret.length; start += 1) {
    const run = secret.slice(start, start + WINDOW);
    // A PEM body is checked line by line: output that quotes it keeps or escapes its line breaks.
    if (!/\s/.test(run)) runs.push(run);
  }
  return runs;
}

describe('hard-coded credentials in a package, through the Slack bot', () => {
  it('when a zip full of credentials is preflighted and planned from Slack, every finding is reported, masked, in the message and the attached full report, and no secret — not even 8 characters of what a mask hides — is in any Slack call, uploaded file or debug log line', async () => {
    const preflight = slashCommandBody(`preflight ${PACKAGE}`, 'U-ALICE', OPS, 'trigger-secret-preflight');
    expect((await sendSigned(bot.eventsUrl, preflight)).status).toBe(200);
    await until(() => bot.logLines.some((line) => line.includes('preflight reported')));
    const plan = slashCommandBody(`plan ${PACKAGE} to env=demo`, 'U-ALICE', OPS, 'trigger-secret-plan');
    expect((await sendSigned(bot.eventsUrl, plan)).status).toBe(200);
    await until(() => bot.api.ephemerals.some((message) => message.text.includes('cannot be planned')));

    // The report in the channel lists the first findings and says the rest are attached.
    const report = bot.api.messages.find(
      (message) => message.channel === OPS && message.revisions[0]?.text.includes(PACKAGE),
    );
    const shown = JSON.stringify(report?.revisions);
    expect(report?.revisions[0]?.text).toMatch(/^Preflight blocked for /);
    expect(shown).toContain('· credential ·');
    const listed = planted.filter((credential) => shown.includes(where(credential)));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(planted.length);
    for (const credential of listed) expect(shown).toContain(maskSecret(credential.secret));
    expect(shown).toContain('the full report is attached as JSON and as text');

    // The attached report holds every planted credential, each masked.
    expect(botFiles().map((file) => file.threadTs)).toEqual([report?.ts, report?.ts]);
    const full = JSON.parse(fileText('.json')) as PreflightReport;
    const credentials = full.findings.filter((finding: Finding) => finding.category === 'credential');
    const found = credentials.map((finding) => `${finding.path ?? ''}:${finding.line ?? 0} ${finding.rule}`);
    expect(found.sort()).toEqual(planted.map((credential) => `${where(credential)} ${credential.rule}`).sort());
    for (const credential of planted) {
      const finding = credentials.find(
        (candidate) => where({ path: candidate.path ?? '', line: candidate.line ?? 0 }) === where(credential),
      );
      expect(finding?.message).toContain(maskSecret(credential.secret));
    }
    const text = fileText('.txt');
    for (const credential of planted) expect(text).toContain(`${where(credential)}  [credential]`);

    // The plan is refused in a sentence to the requester.
    const refusal = describeUserError(
      new UserError('package-blocked', { name: PACKAGE, blockers: full.counts.blocker }),
    );
    expect(bot.api.ephemerals.filter((message) => message.user === 'U-ALICE').map((m) => m.text)).toContain(
      `⚠️ ${refusal}`,
    );

    // Everything that left the bot: every Web API call, every file it uploaded, every log line at debug level.
    expect(bot.logLines.some((line) => line.includes('"level":20') && line.includes('http request body'))).toBe(true);
    const outputs = [
      ...bot.api.calls.map((call) => ({ where: `Slack call ${call.method}`, text: JSON.stringify(call.args) })),
      ...botFiles().map((file) => ({
        where: `uploaded file ${file.filename}`,
        text: file.content?.toString('utf8') ?? '',
      })),
      ...bot.logLines.map((line) => ({ where: 'log line', text: line })),
    ];
    const seen = new Set<string>();
    for (const { text: output } of outputs) {
      for (let start = 0; start + WINDOW <= output.length; start += 1) seen.add(output.slice(start, start + WINDOW));
    }
    const leaks = planted.flatMap((credential) =>
      hiddenRuns(credential.secret)
        .filter((run) => seen.has(run))
        .slice(0, 1)
        .map((run) => ({
          credential: `${where(credential)} ${credential.rule}`,
          run,
          in: outputs.filter((output) => output.text.includes(run)).map((output) => output.where),
        })),
    );
    expect(leaks, `secrets from seed ${SEED}`).toEqual([]);
  }, 120_000);
});
