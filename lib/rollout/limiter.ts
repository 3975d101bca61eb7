/**
 * A counting semaphore: at most `n` tasks run at once, the rest wait in
 * arrival order. A finishing task hands its slot straight to the next waiter,
 * so a newcomer can never slip in between and exceed `n`.
 */
export function createLimiter(n: number) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`concurrency must be a positive integer, got ${n}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < n) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
