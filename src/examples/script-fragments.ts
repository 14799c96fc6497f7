import type { ExampleStory } from './example-story.js';

/** The first lines every script shares: POSIX sh, strict, and nothing outside `$DTEN_ROOT`. */
export function buildScriptHeader(story: ExampleStory, purpose: string): string {
  return [
    '#!/bin/sh',
    `# dten ${story.version}: ${purpose}`,
    '# Acts only under $DTEN_ROOT (/ on a real host); host-wide commands run only when DTEN_ROOT is /.',
    'set -eu',
    ': "${DTEN_ROOT:?set DTEN_ROOT to the host root, / on a real host}"',
    'ROOT="${DTEN_ROOT%/}"',
    '',
  ].join('\n');
}

/** Lines that touch the whole machine (systemctl, crontab, network): skipped under a test root. */
export function onHostOnly(...lines: string[]): string {
  return ['if [ -z "$ROOT" ]; then', ...lines.map((line) => `  ${line}`), 'fi'].join('\n');
}

/** Restarts `unit` on a real host; under any other root, records the request in `run/dten/restart-requested`. */
export function requestRestart(unit: string): string {
  return [
    onHostOnly('systemctl daemon-reload', `systemctl restart ${unit}`),
    'mkdir -p "$ROOT/run/dten"',
    `echo ${unit} > "$ROOT/run/dten/restart-requested"`,
  ].join('\n');
}
