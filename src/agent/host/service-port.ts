/**
 * The service port: how the agent starts and stops dten's units. Adapters: `systemd` (systemctl, the default on
 * real hosts) and `exec` (the agent runs the program itself: hosts without systemd, and tests). Every call is
 * idempotent: starting an active unit or stopping an inactive one succeeds and changes nothing.
 */
export interface ServicePort {
  start(unit: string): Promise<void>;
  stop(unit: string): Promise<void>;
  isActive(unit: string): Promise<boolean>;
  restart(unit: string): Promise<void>;
  /** Throws `unsafe-name` for a name this adapter would refuse, touching nothing: install asks before it changes anything. */
  checkUnit(unit: string): void;
}
