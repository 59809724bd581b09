export interface FixedRateRun {
  /** Sends that were due while `maxInFlight` were still unanswered, so never made. */
  readonly dropped: number;
  /** Stops sending and waits for the answers still outstanding. */
  stop(): Promise<void>;
}

/**
 * Calls `send(seq)` every 1000 / ratePerSecond ms whether or not earlier calls have answered: an
 * open loop, so a slow or failing server does not lower the offered load (a closed loop would hide
 * an outage as "fewer requests"). Due times are computed from the start, so timer jitter does not
 * drift the rate. Beyond `maxInFlight` outstanding calls a send is dropped and counted instead.
 */
export function runAtFixedRate(
  ratePerSecond: number,
  maxInFlight: number,
  send: (seq: number) => Promise<void>,
): FixedRateRun {
  if (!(ratePerSecond > 0) || !(maxInFlight >= 1)) throw new Error('ratePerSecond and maxInFlight must be positive');
  const intervalMs = 1000 / ratePerSecond;
  const startedAt = performance.now();
  const outstanding = new Set<Promise<void>>();
  let seq = 0;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const tick = () => {
    if (stopped) return;
    while (startedAt + seq * intervalMs <= performance.now()) {
      if (outstanding.size >= maxInFlight) dropped++;
      else {
        const call = send(seq).catch(() => undefined);
        outstanding.add(call);
        void call.finally(() => outstanding.delete(call));
      }
      seq++;
    }
    timer = setTimeout(tick, Math.max(0, startedAt + seq * intervalMs - performance.now()));
  };
  tick();

  return {
    get dropped() {
      return dropped;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await Promise.all([...outstanding]);
    },
  };
}
