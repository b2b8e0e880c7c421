/**
 * Documents a function instance keeps for a short, fixed time: a crowd calling one instance would otherwise
 * read the same rarely-changing document (a contest round, a campaign) on every call. Whoever uses one says
 * how long an edit may take to apply. Timed on a monotonic clock (the instance's own time passing, whatever
 * the wall clock says, which tests freeze); cleared whole when it holds `limit` keys.
 */
import { performance } from 'node:perf_hooks';

export class InstanceCache<T> {
  private readonly entries = new Map<string, { until: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 1000,
  ) {}

  /** The value kept for `key`, or the one `load` answers (kept only when it succeeds). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const clock = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > clock) return hit.value;
    if (this.entries.size >= this.limit) this.entries.clear();
    const value = load();
    this.entries.set(key, { until: clock + this.ttlMs, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  /** Keeps `value` for `key` from now: what a caller has just read fresh, so the next calls use it. */
  set(key: string, value: T): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, { until: performance.now() + this.ttlMs, value: Promise.resolve(value) });
  }

  /** Forgets `key` (its document was just changed on this instance). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
