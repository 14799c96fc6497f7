/** A change freeze on an environment (`/dten lock prod reason`): plans for its hosts are refused until unlocked. */
export interface EnvironmentLock {
  env: string;
  by: string;
  reason: string;
  at: string;
}

export interface EnvironmentLocks {
  /** Sets the lock, or changes nothing and returns the lock already in place. */
  lock(lock: EnvironmentLock): Promise<EnvironmentLock | undefined>;
  /** Returns the lock that was removed, if there was one. */
  unlock(env: string): Promise<EnvironmentLock | undefined>;
  list(): Promise<EnvironmentLock[]>;
}
