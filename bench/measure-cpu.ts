import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/** CPU time used so far, in milliseconds: this process (the control plane or the raw producer), the fleet, Redis. */
export interface CpuTimes {
  self: number;
  /** The fleet processes together; NaN where /proc cannot be read (not Linux). */
  fleet: number;
  /** The whole Redis server (INFO cpu), so other clients' work shows up in it too. */
  redis: number;
}

// USER_HZ, in which /proc/<pid>/stat counts: 100 on every Linux this bench is meant for.
const TICKS_PER_SECOND = 100;

export async function measureCpu(redis: Redis, fleetPids: readonly number[]): Promise<CpuTimes> {
  const usage = process.cpuUsage();
  const info = String(await redis.info('cpu'));
  const seconds = (field: string): number => Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return {
    self: (usage.user + usage.system) / 1000,
    fleet: fleetPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    redis: (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000,
  };
}

export function cpuBetween(before: CpuTimes, after: CpuTimes): CpuTimes {
  return { self: after.self - before.self, fleet: after.fleet - before.fleet, redis: after.redis - before.redis };
}

/** utime + stime of a live process (fields 14 and 15 of /proc/<pid>/stat, after the parenthesised name). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
