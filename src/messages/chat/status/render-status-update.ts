import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { PLACEHOLDER } from './check-status-template.js';
import type { StatusKind, StatusVariables } from './status-placeholders.js';
import type { StatusTemplate } from './status-template.js';
import { StatusTemplateError } from './status-template-error.js';

/** The status update's text (Slack mrkdwn): the template's own markup kept, every value escaped. */
export function renderStatusUpdate<K extends StatusKind>(
  template: StatusTemplate<K>,
  variables: StatusVariables<K>,
): string {
  const values: Readonly<Record<string, string>> = variables;
  const lines = template.text.split('\n').map((content, index) =>
    content.replace(PLACEHOLDER, (_match, name: string) => {
      if (!Object.hasOwn(values, name)) {
        const known = Object.keys(values);
        throw new StatusTemplateError('unknown-placeholder', {
          file: template.file,
          line: index + 1,
          placeholder: name,
          known,
        });
      }
      return escapeMrkdwn(values[name] ?? '');
    }),
  );
  return fitText(lines.join('\n'), BLOCK_KIT_LIMITS.messageText);
}
