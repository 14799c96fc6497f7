import type { DetectorFactory } from './detector.js';
import { createCertificateDetector } from './detectors/certificate/create-certificate-detector.js';
import { createConfigKeyDetector } from './detectors/config-key/create-config-key-detector.js';
import { createCredentialDetector } from './detectors/credential/create-credential-detector.js';
import { createDependencyDetector } from './detectors/dependency/create-dependency-detector.js';
import { createExternalEndpointDetector } from './detectors/external-endpoint/create-external-endpoint-detector.js';
import { createMigrationLockDetector } from './detectors/migration-lock/create-migration-lock-detector.js';
import { createRebootDetector } from './detectors/reboot/create-reboot-detector.js';
import { createScheduledTaskDetector } from './detectors/scheduled-task/create-scheduled-task-detector.js';
import { createServiceUnitDetector } from './detectors/service-unit/create-service-unit-detector.js';
import { createStaleBinaryDetector } from './detectors/stale-binary/create-stale-binary-detector.js';

export const DEFAULT_DETECTORS: readonly DetectorFactory[] = [
  createCredentialDetector,
  createScheduledTaskDetector,
  createExternalEndpointDetector,
  createCertificateDetector,
  createDependencyDetector,
  createConfigKeyDetector,
  createServiceUnitDetector,
  createStaleBinaryDetector,
  createMigrationLockDetector,
  createRebootDetector,
];
