/**
 * A counting semaphore. Each SSH handshake costs the dashboard ~0.1 CPU-s and
 * each branch gateway throttles new connections (sshd MaxStartups 10:30:100),
 * so rollouts bound how many sessions run at once, per fleet and per gateway.
 */
export type Limiter = {
  /** Runs task when a slot is free; the slot is released however the task ends. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly limit: number;
  readonly active: number;
  readonly waiting: number;
};

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency limit must be a whole number >= 1, got ${limit}`);
  }
  let active = 0;
  const queue: Array<() => void> = [];

  const release = () => {
    const next = queue.shift();
    // Hand the slot straight to the next waiter, so `active` never dips and
    // a newcomer cannot overtake the queue.
    if (next) next();
    else active--;
  };

  const acquire = (): Promise<void> => {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  };

  return {
    limit,
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
