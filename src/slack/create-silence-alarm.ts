/** An AbortSignal on a timer that each sign of life restarts: for a peer that may go quiet instead of failing. */
export interface SilenceAlarm {
  readonly signal: AbortSignal;
  /** (Re)starts the wait: unless armed again or stopped within `ms`, the signal aborts. */
  arm(ms: number): void;
  /** `body` as it flows, the wait restarted for `ms` at each piece: a download that keeps moving is never cut. */
  watch(body: ReadableStream<Uint8Array>, ms: number): ReadableStream<Uint8Array>;
  stop(): void;
}

export function createSilenceAlarm(): SilenceAlarm {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`nothing for ${ms} ms`)), ms);
  };
  return {
    signal: controller.signal,
    arm,
    watch: (body, ms) => {
      arm(ms);
      return body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, stream) {
            arm(ms);
            stream.enqueue(chunk);
          },
        }),
      );
    },
    stop: () => clearTimeout(timer),
  };
}
