import type { StatusKind } from './status-placeholders.js';

/** One checked template: every placeholder in `text` is one its kind knows. */
export interface StatusTemplate<K extends StatusKind = StatusKind> {
  kind: K;
  /** Where it was read from, for error messages and logs. */
  file: string;
  text: string;
}

export type StatusTemplates = { [K in StatusKind]: StatusTemplate<K> };
