/** The test clock: a frozen `new Date()` the test moves, and Beijing wall-clock instants (UTC+8, no DST). */

/**
 * Freezes `new Date()` only (timers, ticks and I/O keep running) so throttling windows and expiry are exact.
 */
export function freezeClock(at: Date): void {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** Moves the frozen clock to `at`. */
export function setClock(at: Date): void {
  jest.setSystemTime(at);
}

/** Beijing wall-clock time on `day` as an instant: `time` is `HH:mm`, or a whole hour. */
export function beijing(day: string, time: string | number = '10:00'): Date {
  const clock = typeof time === 'number' ? `${String(time).padStart(2, '0')}:00` : time;
  return new Date(`${day}T${clock}:00+08:00`);
}

/** A frozen clock that moves forward by steps (`tick`), e.g. past a lease between runs. */
export function steppingClock(start: Date): { now: () => Date; tick: (ms?: number) => Date } {
  let at = start;
  freezeClock(at);
  return {
    now: () => new Date(at),
    tick(ms = 61_000) {
      at = new Date(at.getTime() + ms);
      setClock(at);
      return new Date(at);
    },
  };
}
