import { pino, type Logger, type DestinationStream } from 'pino';

/** Explicit paths (pino warns that wildcards are slow); a test proves tokens never reach the log. */
export const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'authorization',
  'headers.authorization',
  'config.packageToken',
  'config.slackBotToken',
  'config.slackAppToken',
  'config.slackSigningSecret',
  'config.jobKey',
  'evidence',
  'secretValue',
];

export type { Logger };

/** Created once by the composition root and passed down; logs go to stderr so stdout stays the report. */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'dten' } }, destination);
}
