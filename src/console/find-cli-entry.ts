import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * How to start `dten` as a child process: the compiled CLI beside this module when dten runs from `dist/`
 * (`node dist/cli.js`), else the source CLI through tsx (a checkout run with tsx or the tests), so a child always
 * runs the same code as its parent, never a stale build.
 */
export function findCliEntry(): { command: string; args: string[] } {
  const compiled = fileURLToPath(new URL('../cli.js', import.meta.url));
  if (existsSync(compiled)) return { command: process.execPath, args: [compiled] };
  const source = fileURLToPath(new URL('../cli.ts', import.meta.url));
  return { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), source] };
}
