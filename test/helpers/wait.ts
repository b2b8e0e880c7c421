/** Waiting in tests: for a condition to hold (never for a guessed time), or one real delay. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `intervalMs` until it holds; fails with `message` after `attempts` tries. */
export async function waitFor(condition: () => boolean, message: string, attempts = 200, intervalMs = 10): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (condition()) return;
    await sleep(intervalMs);
  }
  throw new Error(message);
}
