/** Why the package store refused. The words live in `src/messages/package-store-error-text.ts`, keyed by code. */
export interface PackageStoreErrorParams {
  'unsafe-key': { key: string };
  'not-found': { key: string };
  'key-taken': { key: string; stored: string; offered: string };
  'digest-mismatch': { key: string; expected: string; actual: string };
  unauthorized: { url: string };
  'http-error': { url: string; detail: string };
  'too-large': { url: string; maxBytes: number };
}

export type PackageStoreErrorCode = keyof PackageStoreErrorParams;

export class PackageStoreError<C extends PackageStoreErrorCode = PackageStoreErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: PackageStoreErrorParams[C],
  ) {
    super(`package store refused: ${code}`);
    this.name = 'PackageStoreError';
  }
}
