import { formatDuration } from '../core/time/format-duration.js';
import { packageTooLargeReason } from './package-too-large-reason.js';

/** Why a zip shared in Slack could not be downloaded, as `downloadSlackFile` found it. */
export type SlackDownloadProblem =
  | { kind: 'no-link' }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'link-not-on-slack' }
  | { kind: 'status'; status: number }
  | { kind: 'sign-in-page' }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'broke-off'; detail: string }
  | { kind: 'silent'; when: 'before-answer' | 'part-way'; waitedMs: number };

/** The clause after "could not be found or fetched:" for a shared zip Slack did not hand over. */
export function slackDownloadReason(problem: SlackDownloadProblem): string {
  switch (problem.kind) {
    case 'no-link':
      return 'Slack gave no download link for it';
    case 'too-large':
      return packageTooLargeReason(problem.maxBytes);
    case 'link-not-on-slack':
      return 'its download link is not on Slack';
    case 'status':
      return `Slack answered ${problem.status} to the download`;
    case 'sign-in-page':
      return 'Slack sent its sign-in page instead (the app needs the files:read scope)';
    case 'unreachable':
      return `Slack's file host could not be reached (${problem.detail}); try again in a minute`;
    case 'broke-off':
      return `the download from Slack broke off part-way (${problem.detail}); share it again or try again`;
    case 'silent': {
      const silence =
        problem.when === 'before-answer'
          ? `no answer to the download within ${formatDuration(problem.waitedMs)}`
          : `the download stalled part-way, nothing for ${formatDuration(problem.waitedMs)}`;
      return `Slack stopped answering (${silence}); share it again or try again`;
    }
  }
}
