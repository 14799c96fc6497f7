import type { StatusTemplateErrorCode, StatusTemplateErrorParams } from './status-template-error.js';

const TEXT: { [C in StatusTemplateErrorCode]: (p: StatusTemplateErrorParams[C]) => string } = {
  'unknown-placeholder': (p) =>
    `status template ${p.file}:${p.line}: unknown placeholder {{${p.placeholder}}}; this template can use ${p.known.map((name) => `{{${name}}}`).join(', ')}.`,
  'unclosed-placeholder': (p) =>
    `status template ${p.file}:${p.line}: a placeholder opens with {{ but does not close with }} on the same line.`,
  'unknown-template': (p) =>
    `status template ${p.file}: dten sends no status update of that name; name the file one of ${p.known.join(', ')}.`,
  'missing-template': (p) =>
    `status template ${p.file} is missing from dten's own templates; reinstall dten or put that file in the override folder.`,
  'empty-template': (p) =>
    `status template ${p.file} is empty; write the update people should read, or delete the file to use dten's own.`,
  unreadable: (p) =>
    `status templates: ${p.file} could not be read (${p.reason}); check that it exists and that dten may read it.`,
};

/** The one line a person reads when a status template is refused: the file, the line, what to change. */
export function describeStatusTemplateError<C extends StatusTemplateErrorCode>(
  code: C,
  params: StatusTemplateErrorParams[C],
): string {
  const text = TEXT[code] as (p: StatusTemplateErrorParams[C]) => string;
  return text(params);
}
