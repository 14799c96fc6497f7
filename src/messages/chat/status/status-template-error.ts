import { describeStatusTemplateError } from './describe-status-template-error.js';

/** Why a status template was refused; the words are in `describe-status-template-error.ts`. */
export interface StatusTemplateErrorParams {
  'unknown-placeholder': { file: string; line: number; placeholder: string; known: readonly string[] };
  'unclosed-placeholder': { file: string; line: number };
  'unknown-template': { file: string; known: readonly string[] };
  'missing-template': { file: string };
  'empty-template': { file: string };
  unreadable: { file: string; reason: string };
}

export type StatusTemplateErrorCode = keyof StatusTemplateErrorParams;

/** A template dten will not post from (an organisation's override, or a broken install); `message` is one line. */
export class StatusTemplateError<C extends StatusTemplateErrorCode = StatusTemplateErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: StatusTemplateErrorParams[C],
  ) {
    super(describeStatusTemplateError(code, params));
    this.name = 'StatusTemplateError';
  }
}
