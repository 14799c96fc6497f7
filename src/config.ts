import { z } from 'zod';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './preflight/archive.js';
import { UserError } from './core/errors/user-error.js';
import type { ErrorBudget } from './core/rollout/plan.js';

const UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Comma-separated ids (Slack users, user groups, console names). */
const idList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'ids are letters, digits, dot, dash or underscore')));

const bytes = z.string().transform((text, ctx) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a size such as 512MiB, 4GiB or a number of bytes' });
    return z.NEVER;
  }
  return Math.round(Number(match[1]) * unit);
});
const positiveInt = z.coerce.number().int().positive();
/** `host:port`, IPv6 in brackets: where a server listens, written out so exposing it is a choice. */
const listenAddress = z.string().transform((text, ctx) => {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535) {
    ctx.addIssue({ code: 'custom', message: 'expected host:port, such as 0.0.0.0:8430, 10.0.0.5:8430 or [::]:8430' });
    return z.NEVER;
  }
  return { host: match[1] ?? match[2]!, port };
});
const list = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DTEN_TRUSTED_CA: list.default([]),
  DTEN_POLICY: z.string().optional(),
  DTEN_INTERNAL_DOMAINS: list.default([]),
  DTEN_STALE_BINARY_DAYS: positiveInt.default(180),
  DTEN_MAX_ENTRIES: positiveInt.default(DEFAULT_ARCHIVE_LIMITS.maxEntries),
  DTEN_MAX_TOTAL_BYTES: bytes.optional(),
  DTEN_MAX_ENTRY_BYTES: bytes.optional(),
  DTEN_MAX_COMPRESSION_RATIO: positiveInt.default(DEFAULT_ARCHIVE_LIMITS.maxCompressionRatio),
  DTEN_MAX_MANIFEST_BYTES: bytes.optional(),
  DTEN_MAX_NESTED_DEPTH: z.coerce.number().int().min(0).default(DEFAULT_ARCHIVE_LIMITS.maxNestedDepth),
  DTEN_MAX_NESTED_BYTES: bytes.optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  DTEN_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('dten'),
  DTEN_JOB_KEY: z.string().min(32, 'use at least 32 characters (openssl rand -hex 32)').optional(),
  DTEN_PACKAGE_DIR: z.string().default('build/packages'),
  DTEN_PACKAGE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DTEN_PACKAGE_TOKEN: z.string().min(16).optional(),
  DTEN_PACKAGE_LISTEN: listenAddress.optional(),
  DTEN_PACKAGE_TLS_CERT: z.string().optional(),
  DTEN_PACKAGE_TLS_KEY: z.string().optional(),
  DTEN_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DTEN_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  DTEN_SERVICE_ADAPTER: z.enum(['systemd', 'exec']).optional(),
  DTEN_SERVICE_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DTEN_PROBES: z.string().optional(),
  DTEN_HEARTBEAT_SECONDS: positiveInt.default(10),
  // agent
  DTEN_AGENT_LOCK_SECONDS: z.coerce.number().int().min(2).default(30),
  // control plane
  DTEN_CONTROL_LOCK_SECONDS: z.coerce.number().int().min(2).default(30),
  DTEN_HOST_JOB_TIMEOUT_SECONDS: positiveInt.default(1800),
  DTEN_HOST_SILENCE_SECONDS: positiveInt.default(90),
  DTEN_WAVE_ESTIMATE_SECONDS: positiveInt.default(300),
  DTEN_POLL_MS: z.coerce.number().int().min(10).default(500),
  DTEN_KEEP_JOBS_DAYS: positiveInt.default(14),
  // chat (Slack and the console)
  DTEN_APPROVERS: idList,
  DTEN_ALLOW_SELF_APPROVAL: z.enum(['true', 'false']).default('false'),
  DTEN_STATUS_CHANNEL: z
    .string()
    .regex(/^[#A-Za-z0-9_-]{1,80}$/, 'a channel id like C0123ABCD')
    .optional(),
  DTEN_STATUS_TEMPLATES: z.string().optional(),
  DTEN_PRODUCT_NAME: z.string().min(1).max(80).default('dten'),
  DTEN_DEFAULT_WINDOW_MINUTES: positiveInt.default(60),
  DTEN_DEFAULT_BATCH_PERCENT: z.coerce.number().gt(0).lte(100).default(25),
  DTEN_DEFAULT_CANARY: z.coerce.number().int().nonnegative().default(1),
  DTEN_SLO_PERCENT: z.coerce.number().gt(0).lt(100).default(99.9),
  DTEN_SLO_PERIOD_DAYS: z.coerce.number().positive().default(30),
  DTEN_ROLLOUT_BUDGET_PERCENT: z.coerce.number().min(0).max(100).default(25),
  // console (`dten bot` without Slack tokens)
  DTEN_CONSOLE_USER: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore')
    .default('U-ALICE'),
  DTEN_CONSOLE_HOSTS: z.coerce.number().int().min(1).max(50).default(5),
  // Slack
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[\w-]+$/, 'a bot token starts with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^\S{16,}$/, 'copy the Signing Secret from Basic Information')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[\w-]+$/, 'an app-level token starts with xapp-')
    .optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => (url.endsWith('/') ? url : `${url}/`))
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});

/** Every environment variable dten reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** PEM files of the CAs to trust (DTEN_TRUSTED_CA, comma-separated); empty: none configured. */
  trustedCaPaths: string[];
  policyPath: string | undefined;
  internalDomains: string[];
  staleBinaryDays: number;
  archiveLimits: ArchiveLimits;
  redisUrl: string;
  queuePrefix: string;
  /** Shared by the control plane and agents to sign and verify jobs; never logged. */
  jobKey: string | undefined;
  packageDir: string;
  packageUrl: string | undefined;
  packageToken: string | undefined;
  /** Where the control plane serves the package store to remote agents (with `packageToken`); unset: not served. */
  packageListen: { host: string; port: number } | undefined;
  /** PEM files: serve the package store over HTTPS. */
  packageTls: { certFile: string | undefined; keyFile: string | undefined };
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  serviceAdapter: 'systemd' | 'exec' | undefined;
  servicePort: number | undefined;
  /** A JSON file of component version probes the agent runs (component → program and arguments). */
  probesPath: string | undefined;
  heartbeatSeconds: number;
  // agent
  /** The agent's job lock and stalled check: a killed agent's job is taken back after about twice this. */
  agentLockSeconds: number;
  control: {
    /** A killed control plane's step job is taken over after about twice this. */
    lockSeconds: number;
    hostJobTimeoutSeconds: number;
    hostSilenceSeconds: number;
    waveEstimateSeconds: number;
    pollMs: number;
    /** Finished jobs are kept this long, so their deterministic ids keep deduplicating for a rollout's life. */
    keepJobsDays: number;
  };
  chat: {
    /** Slack user ids (U…/W…) and user-group ids (S…) allowed to approve. */
    approvers: { users: string[]; groups: string[] };
    allowSelfApproval: boolean;
    statusChannel: string | undefined;
    /** A folder whose `<kind>.md` files replace the shipped status templates. */
    statusTemplatesDir: string | undefined;
    productName: string;
    defaults: { windowMinutes: number; batchPercent: number; canary: number };
    /** The error budget each new plan carries; undefined when DTEN_ROLLOUT_BUDGET_PERCENT is 0 (no budget gate). */
    errorBudget: ErrorBudget | undefined;
  };
  console: {
    /** Who the console user is at start (`:as <user>` changes it). */
    user: string;
    /** How many local agents the console starts (web-1 … web-N, label env=demo). */
    hosts: number;
  };
  // Slack (these names are the logger's redact paths)
  slackBotToken: string | undefined;
  slackSigningSecret: string | undefined;
  /** Set: Socket Mode. Unset: HTTP on `port` at /slack/events. */
  slackAppToken: string | undefined;
  /** The Web API base, ending in `/` (default: Slack's own). */
  slackApiUrl: string | undefined;
  port: number;
}

/** The only reader of the environment. A bad value is a UserError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError('config-invalid', { variable: String(issue.path[0] ?? 'environment'), problem: issue.message });
  }
  const e = result.data;
  return {
    logLevel: e.LOG_LEVEL,
    trustedCaPaths: e.DTEN_TRUSTED_CA,
    policyPath: e.DTEN_POLICY,
    internalDomains: e.DTEN_INTERNAL_DOMAINS,
    staleBinaryDays: e.DTEN_STALE_BINARY_DAYS,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.DTEN_QUEUE_PREFIX,
    jobKey: e.DTEN_JOB_KEY,
    packageDir: e.DTEN_PACKAGE_DIR,
    packageUrl: e.DTEN_PACKAGE_URL,
    packageToken: e.DTEN_PACKAGE_TOKEN,
    packageListen: e.DTEN_PACKAGE_LISTEN,
    packageTls: { certFile: e.DTEN_PACKAGE_TLS_CERT, keyFile: e.DTEN_PACKAGE_TLS_KEY },
    databaseUrl: e.DTEN_DATABASE_URL,
    databaseSchema: e.DTEN_DATABASE_SCHEMA,
    serviceAdapter: e.DTEN_SERVICE_ADAPTER,
    servicePort: e.DTEN_SERVICE_PORT,
    probesPath: e.DTEN_PROBES,
    heartbeatSeconds: e.DTEN_HEARTBEAT_SECONDS,
    // agent
    agentLockSeconds: e.DTEN_AGENT_LOCK_SECONDS,
    control: {
      lockSeconds: e.DTEN_CONTROL_LOCK_SECONDS,
      hostJobTimeoutSeconds: e.DTEN_HOST_JOB_TIMEOUT_SECONDS,
      hostSilenceSeconds: e.DTEN_HOST_SILENCE_SECONDS,
      waveEstimateSeconds: e.DTEN_WAVE_ESTIMATE_SECONDS,
      pollMs: e.DTEN_POLL_MS,
      keepJobsDays: e.DTEN_KEEP_JOBS_DAYS,
    },
    chat: {
      approvers: {
        users: e.DTEN_APPROVERS.filter((id) => !id.startsWith('S')),
        groups: e.DTEN_APPROVERS.filter((id) => id.startsWith('S')),
      },
      allowSelfApproval: e.DTEN_ALLOW_SELF_APPROVAL === 'true',
      statusChannel: e.DTEN_STATUS_CHANNEL,
      statusTemplatesDir: e.DTEN_STATUS_TEMPLATES,
      productName: e.DTEN_PRODUCT_NAME,
      defaults: {
        windowMinutes: e.DTEN_DEFAULT_WINDOW_MINUTES,
        batchPercent: e.DTEN_DEFAULT_BATCH_PERCENT,
        canary: e.DTEN_DEFAULT_CANARY,
      },
      errorBudget:
        e.DTEN_ROLLOUT_BUDGET_PERCENT > 0
          ? {
              sloPercent: e.DTEN_SLO_PERCENT,
              periodDays: e.DTEN_SLO_PERIOD_DAYS,
              sharePercent: e.DTEN_ROLLOUT_BUDGET_PERCENT,
            }
          : undefined,
    },
    console: { user: e.DTEN_CONSOLE_USER, hosts: e.DTEN_CONSOLE_HOSTS },
    slackBotToken: e.SLACK_BOT_TOKEN,
    slackSigningSecret: e.SLACK_SIGNING_SECRET,
    slackAppToken: e.SLACK_APP_TOKEN,
    slackApiUrl: e.SLACK_API_URL,
    port: e.PORT,
    archiveLimits: {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxEntries: e.DTEN_MAX_ENTRIES,
      maxTotalBytes: e.DTEN_MAX_TOTAL_BYTES ?? DEFAULT_ARCHIVE_LIMITS.maxTotalBytes,
      maxEntryBytes: e.DTEN_MAX_ENTRY_BYTES ?? DEFAULT_ARCHIVE_LIMITS.maxEntryBytes,
      maxCompressionRatio: e.DTEN_MAX_COMPRESSION_RATIO,
      maxManifestBytes: e.DTEN_MAX_MANIFEST_BYTES ?? DEFAULT_ARCHIVE_LIMITS.maxManifestBytes,
      maxNestedDepth: e.DTEN_MAX_NESTED_DEPTH,
      maxNestedBytes: e.DTEN_MAX_NESTED_BYTES ?? DEFAULT_ARCHIVE_LIMITS.maxNestedBytes,
    },
  };
}
