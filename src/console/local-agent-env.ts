import type { Config } from '../config.js';

/** What an agent child gets: `base` (pickChildEnv's basics) and the session's settings, nothing else. */
export function localAgentEnv(
  config: Config,
  packageDir: string,
  base: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {
    ...base,
    LOG_LEVEL: config.logLevel,
    REDIS_URL: config.redisUrl,
    DTEN_QUEUE_PREFIX: config.queuePrefix,
    DTEN_JOB_KEY: config.jobKey ?? '',
    DTEN_PACKAGE_DIR: packageDir,
    DTEN_SERVICE_ADAPTER: 'exec',
    DTEN_HEARTBEAT_SECONDS: String(config.heartbeatSeconds),
    DTEN_AGENT_LOCK_SECONDS: String(config.agentLockSeconds),
  };
  if (config.databaseUrl) env.DTEN_DATABASE_URL = config.databaseUrl;
  if (config.databaseSchema) env.DTEN_DATABASE_SCHEMA = config.databaseSchema;
  return env;
}
