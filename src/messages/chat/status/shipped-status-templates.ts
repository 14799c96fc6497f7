import { fileURLToPath } from 'node:url';

/** `templates/status/` at the repository root: `src/` (tsx) and `dist/` both sit one level below it. */
export const SHIPPED_STATUS_TEMPLATES = fileURLToPath(new URL('../../../../templates/status/', import.meta.url));
