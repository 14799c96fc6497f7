import { createRequire } from 'node:module';

/** Both `src/` (tsx) and `dist/` sit one level below package.json. */
export const TOOL_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
