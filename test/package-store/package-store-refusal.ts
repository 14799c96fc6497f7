import { PackageStoreError } from '../../src/package-store/package-store-error.js';

/** The PackageStoreError the promise rejects with; anything else (or success) fails the test. */
export async function packageStoreRefusal(promise: Promise<unknown>): Promise<PackageStoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PackageStoreError)) throw new Error(`expected a PackageStoreError, got ${String(error)}`);
  return error;
}
