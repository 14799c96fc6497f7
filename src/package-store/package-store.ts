import type { Readable } from 'node:stream';

export interface StoredPackage {
  key: string;
  /** Lower-case hex sha256 of the bytes. */
  sha256: string;
  bytes: number;
}

export interface OpenedPackage {
  bytes: number;
  stream: Readable;
}

/**
 * Where the control plane keeps packages and agents fetch them. Adapters: a directory (`DTEN_PACKAGE_DIR`, the
 * default) and HTTP for remote agents (`servePackageStore` in front of any store, `fetchPackage` on the agent).
 * Keys are plain file names (`isPackageKey`); an unsafe key is refused before anything touches the disk.
 */
export interface PackageStore {
  /** Stores the file under `key` (default: its file name). The same bytes again are a no-op; other bytes are refused. */
  put(file: string, key?: string): Promise<StoredPackage>;
  /** The package's bytes as a stream; `not-found` when there is no such key. */
  open(key: string): Promise<OpenedPackage>;
  digest(key: string): Promise<string>;
}
