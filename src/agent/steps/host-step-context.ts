import type { PackageRef as JobPackageRef } from '../../jobs/job-fields.js';
import type { Logger } from '../../logger.js';
import type { MigrationSessionOptions } from '../../postgres/migration-session-options.js';
import type { ProbedComponents } from '../host/component-probes.js';
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
  /**
   * Downloads (or finds) the package the job names and returns a local path. A download is verified while it
   * streams; extractRelease verifies the digest again either way.
   */
  fetchPackage(ref: PackageRef): Promise<string>;
  /** PEM of the CAs this agent trusts (DTEN_TRUSTED_CA): set, a package's chain must lead to one of them. */
  trustedCaPem?: readonly string[];
  /** The versions the configured probes (DTEN_PROBES) read on this host; absent when none are configured. */
  probeComponents?: (request?: { fresh?: boolean }) => Promise<ProbedComponents>;
  /** Free bytes on the filesystem that holds `path`; statfs (freeDiskBytes) unless the composition root says otherwise. */
  freeDiskBytes?: (path: string) => Promise<number>;
  now(): Date;
}

/** The package as the signed job names it: a key in the package store, or a URL. */
export type PackageRef = JobPackageRef;
