/** The control plane's queue: one step job per rollout driver. Host queues are `dten-host-<id>`. */
export const CONTROL_QUEUE = 'dten-control';
