import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The fault switch of one test host, in the fixture, not in dten: a `node` first on that agent's PATH (the
 * dten-server program starts with `#!/usr/bin/env node`). It gives dten-server `version` the server's own
 * DTEN_FAIL_HEALTH_FILE, so that release answers 500 on /health while `faultFile` exists; any other program,
 * the old release included, runs untouched. Returns the folder to put first on PATH.
 */
export async function writeNodeShim(dir: string, options: { version: string; faultFile: string }): Promise<string> {
  for (const value of [dir, options.version, options.faultFile]) {
    if (value.includes("'")) throw new TypeError(`the node shim cannot quote ${value}`);
  }
  await mkdir(dir, { recursive: true });
  const shim = join(dir, 'node');
  await writeFile(
    shim,
    [
      '#!/bin/sh',
      'case "$(readlink -f "$1" 2>/dev/null)" in',
      `  */releases/${options.version}/bin/dten-server)`,
      `    DTEN_FAIL_HEALTH_FILE='${options.faultFile}'`,
      '    export DTEN_FAIL_HEALTH_FILE',
      '    ;;',
      'esac',
      `exec '${process.execPath}' "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(shim, 0o755);
  return dir;
}
