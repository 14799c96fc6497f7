import type { ErrorBudget } from '../core/rollout/plan.js';
import type { ControlContext } from '../control/control-context.js';
import type { ApprovalPolicy } from '../core/rollout/approval-policy.js';
import type { PackageSource } from '../core/rollout/plan.js';
import type { ReleaseChanges } from '../core/rollout/rollout.js';
import type { AgentFacts } from '../jobs/agent-facts.js';
import type { Logger } from '../logger.js';
import type { StatusTemplates } from '../messages/chat/status/status-template.js';
import type { PreflightReport } from '../preflight/preflight-report.js';
import type { ChatRecordStore } from './chat-record-store.js';
import type { ChatSurface } from './chat-surface.js';
import type { SharedFile } from './command-request.js';
import type { EnvironmentLocks } from './environment-locks.js';

/** A package the bot can name in a plan: in the package store, checked, with the digest agents will verify. */
export interface ResolvedPackage {
  /** What the person typed, or the shared file's name. */
  name: string;
  /** Local copy the static preflight reads. */
  path: string;
  sha256: string;
  source: PackageSource;
}

/** Finds a package by store key, https URL or shared file, and puts it in the package store. */
export interface PackageResolver {
  resolve(reference: string, files: readonly SharedFile[]): Promise<ResolvedPackage>;
}

/**
 * The static preflight with the installation's trust, policy and limits; a package that cannot be read safely is
 * an `unreadable` report too. `inventory` (host → component → version) checks dependencies against the hosts.
 * `release` is what the package's manifest says the install changes (absent when it could not be read).
 */
export type CheckPackage = (
  pkg: ResolvedPackage,
  options: { inventory?: Record<string, Record<string, string>>; windowMinutes?: number },
) => Promise<{ report: PreflightReport; release?: ReleaseChanges }>;

/** Approvers from configuration, with group membership looked up now (Slack: usergroups.users.list). */
export interface ApproverDirectory {
  policy(): Promise<ApprovalPolicy>;
}

/** Everything the command layer needs; built once by a composition root (Slack bot or console). */
export interface ChatContext {
  control: ControlContext;
  hosts: { list(): Promise<AgentFacts[]> };
  packages: PackageResolver;
  checkPackage: CheckPackage;
  surface: ChatSurface;
  records: ChatRecordStore;
  approvers: ApproverDirectory;
  locks: EnvironmentLocks;
  status: { channel: string | undefined; templates: StatusTemplates; product: string };
  /** Used when a plan does not say: a window from now, a batch, a canary. */
  defaults: { windowMinutes: number; batchPercent: number; canary: number };
  /** The error budget every plan carries (DTEN_SLO_*, DTEN_ROLLOUT_BUDGET_PERCENT); undefined: no budget gate. */
  errorBudget: ErrorBudget | undefined;
  log: Logger;
  now(): Date;
}
