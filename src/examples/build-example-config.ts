import { assemblePlantedSecrets } from './assemble-planted-secrets.js';
import { chooseExampleEndpoints } from './choose-example-endpoints.js';
import type { ExampleStory } from './example-story.js';

/** Port dten-server listens on when neither `--port` nor `PORT` is given. */
export const EXAMPLE_LISTEN_PORT = 8420;

/** `config/dten.conf`: `key = value` lines, `#` comments. */
export function buildExampleConfig(story: ExampleStory): string {
  const databaseUrl = story.planted
    ? `postgres://dten:${assemblePlantedSecrets().dbPassword}@db.internal:5432/dten`
    : '${DTEN_DB_URL}';
  const modeKeys = {
    arrived: ['dten.legacy.mode = true', 'dten.hybrid.enable = false'],
    ready: [
      '# dten.legacy.mode was removed in 4.2.0; hybrid mode must be on or dten falls back.',
      'dten.hybrid.enable = true',
    ],
    previous: ['dten.legacy.mode = true'],
  }[story.state];
  return [
    `# dten ${story.version} configuration: one "key = value" per line.`,
    'dten.listen.address = 127.0.0.1',
    `dten.listen.port = ${EXAMPLE_LISTEN_PORT}`,
    `dten.database.url = ${databaseUrl}`,
    `dten.telemetry.url = ${chooseExampleEndpoints(story).telemetry}`,
    'dten.log.level = info',
    ...modeKeys,
    '',
  ].join('\n');
}
