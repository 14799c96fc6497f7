/**
 * Why a window was extended or an upgrade rolled back, in words support can forward to customers. A code, not
 * free text: free text from chat or from a host's step could carry a host name, and status updates never do.
 */
export const STATUS_REASONS = {
  'more-time-needed': 'Installing the new version is taking longer than we planned.',
  'checks-failed': 'Some servers did not pass their checks after the upgrade.',
  'error-rate': 'Error rates rose above the limit we allow during an upgrade.',
  'stopped-by-team': 'Our team decided to stop the upgrade.',
  'problem-found': 'We found a problem during the upgrade.',
} as const;

export type StatusReason = keyof typeof STATUS_REASONS;
