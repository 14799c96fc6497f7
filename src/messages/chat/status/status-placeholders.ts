/** The status updates dten posts, each from `templates/status/<kind>.md`. */
export const STATUS_KINDS = [
  'scheduled',
  'started',
  'extended',
  'completed',
  'rolled-back',
  'interrupted',
  'resolved',
] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

const WINDOW = ['product', 'version', 'window.start', 'window.end', 'window.duration'] as const;

/**
 * The placeholders each template may use (templates/status/README.md says what each means). None names a host:
 * status updates go to people outside the team.
 */
export const STATUS_PLACEHOLDERS = {
  scheduled: WINDOW,
  started: WINDOW,
  extended: [...WINDOW, 'window.newEnd', 'reason'],
  completed: [...WINDOW, 'duration'],
  'rolled-back': [...WINDOW, 'duration', 'reason'],
  interrupted: [...WINDOW, 'duration', 'reason'],
  resolved: [...WINDOW, 'duration'],
} as const satisfies Record<StatusKind, readonly string[]>;

export type StatusVariables<K extends StatusKind> = Record<(typeof STATUS_PLACEHOLDERS)[K][number], string>;
