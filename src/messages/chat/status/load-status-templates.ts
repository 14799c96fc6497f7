import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkStatusTemplate } from './check-status-template.js';
import { markdownToMrkdwn } from './markdown-to-mrkdwn.js';
import { SHIPPED_STATUS_TEMPLATES } from './shipped-status-templates.js';
import { STATUS_KINDS, type StatusKind } from './status-placeholders.js';
import type { StatusTemplate, StatusTemplates } from './status-template.js';
import { StatusTemplateError } from './status-template-error.js';

const FILES = STATUS_KINDS.map((kind) => `${kind}.md`);

/**
 * Reads and checks the status templates once, at start-up: each file of `overrideDir` replaces the shipped one of
 * the same name; a misnamed `.md` file there is refused rather than silently ignored.
 */
export async function loadStatusTemplates(
  overrideDir?: string,
  shippedDir: string = SHIPPED_STATUS_TEMPLATES,
): Promise<StatusTemplates> {
  const overridden = overrideDir === undefined ? new Set<string>() : await listOverrides(overrideDir);
  const load = async <K extends StatusKind>(kind: K): Promise<StatusTemplate<K>> => {
    const name = `${kind}.md`;
    const file = overrideDir !== undefined && overridden.has(name) ? join(overrideDir, name) : join(shippedDir, name);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new StatusTemplateError('missing-template', { file });
      throw new StatusTemplateError('unreadable', { file, reason: error.code ?? 'read failed' });
    });
    return { kind, file, text: markdownToMrkdwn(checkStatusTemplate(kind, file, text)) };
  };
  const [scheduled, started, extended, completed, rolledBack, interrupted, resolved] = await Promise.all([
    load('scheduled'),
    load('started'),
    load('extended'),
    load('completed'),
    load('rolled-back'),
    load('interrupted'),
    load('resolved'),
  ]);
  return { scheduled, started, extended, completed, 'rolled-back': rolledBack, interrupted, resolved };
}

async function listOverrides(dir: string): Promise<Set<string>> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new StatusTemplateError('unreadable', { file: dir, reason: error.code ?? 'read failed' });
  });
  const templates = names.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md');
  const stray = templates.find((name) => !FILES.includes(name));
  if (stray !== undefined) throw new StatusTemplateError('unknown-template', { file: join(dir, stray), known: FILES });
  return new Set(templates);
}

/**
 * The kinds an override folder has no file for, so the shipped (English) template is used: worth a warning when an
 * organisation wrote its own, since a kind added in a later dten would otherwise reach customers in another voice.
 */
export function shippedKindsUsed(
  templates: StatusTemplates,
  shippedDir: string = SHIPPED_STATUS_TEMPLATES,
): StatusKind[] {
  return STATUS_KINDS.filter((kind) => templates[kind].file === join(shippedDir, `${kind}.md`));
}
