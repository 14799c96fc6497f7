import type { Logger } from '../../logger.js';
import type { MigrationSessionOptions } from '../../postgres/migration-session-options.js';
import type { HostLayout } from '../host/host-layout.js';
import type { ExecServiceAdapter } from '../host/exec-service-adapter.js';
import type { ServicePort } from '../host/service-port.js';

/** What every step on a host needs; built once by the agent's composition root. */
export interface HostStepContext {
  layout: HostLayout;
  services: ServicePort & Partial<Pick<ExecServiceAdapter, 'portOf'>>;
  /** The environment scripts and services get (see pickChildEnv): never the job key. */
  env: Readonly<Record<string, string>>;
  log: Logger;
  /** Where migrations run; absent on hosts that take no part in data changes. */
  database: Omit<MigrationSessionOptions, 'log'> | undefined;
  /** Downloads (or finds) the package and returns a local path; the digest is verified by extractRelease. */
  fetchPackage(key: string): Promise<string>;
  now(): Date;
}

export interface PackageRef {
  key: string;
  version: string;
  sha256: string;
}
