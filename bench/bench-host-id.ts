/** The id of simulated host `index` in bench/rollout.ts: the same in the control plane and the fleet processes. */
export function benchHostId(index: number): string {
  return `bench-${String(index).padStart(5, '0')}`;
}
