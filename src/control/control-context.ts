import type { Rollout } from '../core/rollout/rollout.js';
import type { Logger } from '../logger.js';
import type { HostJobPort, LastSeen } from './host-job-port.js';
import type { RolloutStore } from './rollout-store.js';

export interface ControlSettings {
  /** How long a step waits before it looks at its hosts again; a batch of host jobs that finishes wakes it sooner. */
  pollMs: number;
  /** A host step without a result this long after it was queued is given up: the host counts as unreachable. */
  hostJobTimeoutMs: number;
  /** A host whose agent has not reported for this long, while its step is unfinished, is unreachable. */
  silenceMs: number;
  /** Until a wave has finished, how long one is expected to take (and a rollback after it). */
  waveEstimateSeconds: number;
}

/**
 * The monitoring port: the baseline error rate before the first wave. Host health results from the agents are the
 * samples; a metrics system (Prometheus, later) can answer here with the fleet's real rate.
 */
export interface MonitoringPort {
  baseline(rollout: Rollout): Promise<number>;
}

/** Everything the control plane's use cases and its step job need; built once by a composition root. */
export interface ControlContext {
  store: RolloutStore;
  hostJobs: HostJobPort;
  lastSeen: LastSeen;
  /**
   * Since when this control plane has seen Redis without a break. Heartbeats cannot land while Redis is away, so no
   * host is judged silent for longer than the control plane could see it.
   */
  watchingSince(): Date;
  monitoring: MonitoringPort;
  /** Starts (or restarts) the step job that drives a rollout; a driver started earlier stops at its next step. */
  startDriver(rolloutId: string): Promise<void>;
  settings: ControlSettings;
  log: Logger;
  now(): Date;
}

export const SYSTEM = { kind: 'system', id: 'control-plane' } as const;
