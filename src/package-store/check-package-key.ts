import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import { isPackageKey } from './package-key.js';
import { PackageStoreError } from './package-store-error.js';

/** Returns the key when it is a safe file name, or throws `unsafe-key` with the key made safe to show. */
export function checkPackageKey(key: string): string {
  if (!isPackageKey(key)) throw new PackageStoreError('unsafe-key', { key: escapeForDisplay(key.slice(0, 300)) });
  return key;
}
