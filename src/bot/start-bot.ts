import type { Redis } from 'ioredis';
import type { ApproverDirectory, ChatContext } from '../commands/chat-context.js';
import type { ChatSurface } from '../commands/chat-surface.js';
import { startChatReactor, type ChatReactor } from '../commands/start-chat-reactor.js';
import { createRedisConnection } from '../bullmq/create-redis-connection.js';
import { startControlPlane, type ControlPlane } from '../bullmq/start-control-plane.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { loadStatusTemplates, shippedKindsUsed } from '../messages/chat/status/load-status-templates.js';
import { createDirectoryPackageStore } from '../package-store/create-directory-package-store.js';
import { createRedisChatRecordStore } from '../redis/create-redis-chat-record-store.js';
import { createRedisEnvironmentLocks } from '../redis/create-redis-environment-locks.js';
import { createConfiguredApprovers } from './create-configured-approvers.js';
import { createPackageChecker } from './create-package-checker.js';
import { createPackageResolver, type SharedFileDownloader } from './create-package-resolver.js';

export interface BotOptions {
  /** Default: the configured user ids only (a transport that can list user groups passes its own). */
  approvers?: ApproverDirectory;
  downloadShared?: SharedFileDownloader;
  /** Run the control plane's worker in this process too (default true); false for a bot beside `dten control`. */
  drive?: boolean;
  /** How often the chat sweep refreshes active rollouts (default 30 s). */
  sweepMs?: number;
}

export interface Bot {
  ctx: ChatContext;
  plane: ControlPlane;
  reactor: ChatReactor;
  /** The connection the chat records and locks use (keys under `config.queuePrefix`); a transport may share it. */
  redis: Redis;
  close(): Promise<void>;
}

/** The chat bot's composition: control plane, package store and checks, chat records, locks and the reactor. */
export async function startBot(
  config: Config,
  log: Logger,
  surface: ChatSurface,
  options: BotOptions = {},
): Promise<Bot> {
  const [templates, checkPackage] = await Promise.all([
    loadStatusTemplates(config.chat.statusTemplatesDir),
    createPackageChecker(config, log),
  ]);
  const shipped = config.chat.statusTemplatesDir === undefined ? [] : shippedKindsUsed(templates);
  if (shipped.length > 0)
    log.warn(
      { dir: config.chat.statusTemplatesDir, shipped: shipped.map((kind) => `${kind}.md`) },
      'DTEN_STATUS_TEMPLATES has no file for these status updates; the shipped ones are posted for them',
    );
  const plane = await startControlPlane(config, log, { drive: options.drive ?? true });
  const redis = await createRedisConnection(config.redisUrl, 'producer', {}, log);
  const prefix = config.queuePrefix;
  const ctx: ChatContext = {
    control: plane.ctx,
    hosts: { list: () => plane.hosts.listHosts() },
    packages: createPackageResolver(
      createDirectoryPackageStore(config.packageDir),
      options.downloadShared,
      config.archiveLimits.maxTotalBytes,
    ),
    checkPackage,
    surface,
    records: createRedisChatRecordStore({ redis, prefix }),
    approvers: options.approvers ?? createConfiguredApprovers(config.chat),
    locks: createRedisEnvironmentLocks({ redis, prefix }),
    status: { channel: config.chat.statusChannel, templates, product: config.chat.productName },
    defaults: config.chat.defaults,
    errorBudget: config.chat.errorBudget,
    log,
    now: () => new Date(),
  };
  const reactor = await startChatReactor(ctx, options.sweepMs === undefined ? {} : { sweepMs: options.sweepMs });
  return {
    ctx,
    plane,
    reactor,
    redis,
    async close() {
      await reactor.close();
      await plane.close();
      await redis.quit().catch(() => undefined);
    },
  };
}
