import { STATUS_PLACEHOLDERS, type StatusKind } from './status-placeholders.js';
import { StatusTemplateError } from './status-template-error.js';

/** `{{ name }}`, closed on the same line; the name is checked against the template's own list. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The template's text, trimmed; throws StatusTemplateError naming the file and line of the first problem. */
export function checkStatusTemplate(kind: StatusKind, file: string, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new StatusTemplateError('empty-template', { file });
  const known: readonly string[] = STATUS_PLACEHOLDERS[kind];
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    for (const match of content.matchAll(PLACEHOLDER)) {
      const placeholder = match[1] ?? '';
      if (!known.includes(placeholder)) {
        throw new StatusTemplateError('unknown-placeholder', { file, line, placeholder, known });
      }
    }
    if (content.replace(PLACEHOLDER, '').includes('{{')) {
      throw new StatusTemplateError('unclosed-placeholder', { file, line });
    }
  });
  return trimmed;
}
