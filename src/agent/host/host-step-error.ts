/** Why a host step refused to act. The words live in `src/messages/host-step-error-text.ts`, keyed by code. */
export interface HostStepErrorParams {
  'digest-mismatch': { file: string; expected: string; actual: string };
  'archive-hazard': { entry: string; rule: string; detail: string };
  'release-conflict': { version: string; expected: string; found: string };
  'version-mismatch': { expected: string; actual: string };
  'manifest-invalid': { version: string; problem: string };
  'release-missing': { version: string };
  'release-unverified': { version: string };
  'package-untrusted': { version: string; problems: string };
  'current-not-a-link': { path: string };
  'unsafe-name': { what: string; value: string };
  'unsafe-path': { what: string; path: string };
  'script-missing': { script: string; version: string };
  'certificate-missing': { certificate: string; version: string };
  'backup-missing': { rolloutId: string };
  /** The rollout's rollback already ran on this host (its install job came back after it): no install again. */
  'install-after-rollback': { rolloutId: string };
  /** A config file that is not UTF-8 (edited as Latin-1) cannot hold a value the manifest sets. */
  'config-unencodable': { file: string; keys: string[] };
  /** A rollback must undo migrations, and the release's manifest that names their folder cannot be read. */
  'rollback-manifest-unreadable': { version: string; problem: string };
  'unknown-unit': { unit: string };
  'unit-unusable': { unit: string; problem: string };
  'unit-outside-release': { unit: string; program: string; prefix: string };
  'service-failed': { unit: string; detail: string };
  'systemctl-failed': { args: string; detail: string };
  'script-failed': { script: string; detail: string };
}

export type HostStepErrorCode = keyof HostStepErrorParams;

/** A refusal is final: retrying the same job cannot fix a wrong digest or an unsafe path. */
export class HostStepError<C extends HostStepErrorCode = HostStepErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: HostStepErrorParams[C],
  ) {
    super(`host step refused: ${code}`);
    this.name = 'HostStepError';
  }
}
