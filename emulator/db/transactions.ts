/**
 * Transactions with snapshot reads and first-committer-wins conflict detection.
 *
 * A transaction remembers the commit sequence number current when it started (its snapshot). Reads return
 * the document as of the snapshot: the committed row if it is not newer, else a pre-image kept in memory
 * (pre-images are recorded only while some transaction is open, and dropped when no open transaction can
 * need them). Writes are buffered and applied at commit, in one SQLite transaction. A transaction whose
 * read or written documents changed since its snapshot answers DATABASE_TRANSACTION_CONFLICT at commit,
 * which the SDK's runTransaction retries.
 */
import { randomBytes } from 'node:crypto';
import { CloudError, ErrorCode } from '../protocol';
import { type Doc, cloneValue, idKey } from './codec';
import { MAX_TRANSACTION_DOCUMENTS } from '../limits';
import type { Store } from './store';

/** The code answered when a transaction would touch too many documents (see `admit`). */
export const TRANSACTION_TOO_LARGE = 'DATABASE_REQUEST_FAILED';

export interface Change {
  collection: string;
  id: unknown;
  doc: Doc | null;
  /** See StoredChange.fresh (./store.ts). */
  fresh?: boolean;
}

interface PreImage {
  doc: Doc | null;
  /** Sequence number of the write that produced this state, and of the one that replaced it. */
  from: number;
  to: number;
}

interface Transaction {
  id: string;
  snapshot: number;
  lastUsed: number;
  /** Documents as first read at the snapshot, so repeated reads agree. */
  reads: Map<string, Change>;
  /** Buffered final state of every written document (`null` = deleted). */
  writes: Map<string, Change>;
}

const keyOf = (collection: string, id: unknown): string => `${collection}\u0001${idKey(id)}`;

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  private readonly history = new Map<string, PreImage[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly idleTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.expire(), Math.max(250, Math.min(idleTimeoutMs, 5000)));
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
    this.history.clear();
  }

  /** Open transactions, after discarding expired ones. */
  openCountNow(): number {
    this.expire();
    return this.open.size;
  }

  start(): string {
    this.expire();
    const id = randomBytes(16).toString('hex');
    this.open.set(id, { id, snapshot: this.store.sequence, lastUsed: this.now(), reads: new Map(), writes: new Map() });
    return id;
  }

  /**
   * Commits changes made outside any transaction (or a transaction's buffered writes): records the
   * pre-images open transactions may still need to read, then writes atomically.
   */
  commitChanges(changes: Change[]): void {
    if (!changes.length) return;
    const images: Array<[string, PreImage]> = [];
    const to = this.store.sequence + 1;
    if (this.open.size) {
      for (const change of changes) {
        const current = this.store.get(change.collection, change.id);
        images.push([keyOf(change.collection, change.id), { doc: current?.doc ?? null, from: current?.version ?? 0, to }]);
      }
    }
    this.store.write(changes);
    for (const [key, image] of images) {
      const list = this.history.get(key) ?? [];
      list.push(image);
      this.history.set(key, list);
    }
  }

  /** The document as of the transaction's snapshot, with its own buffered writes applied. */
  read(transactionId: string, collection: string, id: unknown): Doc | null {
    const tx = this.use(transactionId);
    const key = keyOf(collection, id);
    const written = tx.writes.get(key);
    if (written) return written.doc && cloneValue(written.doc);
    let seen = tx.reads.get(key);
    if (!seen) {
      this.admit(tx, key);
      seen = { collection, id, doc: this.atSnapshot(collection, id, tx.snapshot) };
      tx.reads.set(key, seen);
    }
    return seen.doc && cloneValue(seen.doc);
  }

  /** Buffers a write; `compute` gets the snapshot state and returns the new state. */
  write<T>(transactionId: string, collection: string, id: unknown, compute: (current: Doc | null) => { doc: Doc | null; result: T }): T {
    const current = this.read(transactionId, collection, id);
    const tx = this.use(transactionId);
    const key = keyOf(collection, id);
    // Conflicts are answered at commit only: wx-server-sdk rewraps errors of doc operations without their
    // code, so runTransaction would not recognise (and retry) a conflict answered here.
    const { doc, result } = compute(current);
    this.admit(tx, key);
    tx.writes.set(key, { collection, id, doc });
    return result;
  }

  commit(transactionId: string): void {
    const tx = this.use(transactionId);
    for (const { collection, id } of [...tx.reads.values(), ...tx.writes.values()]) {
      if (this.modifiedSince(collection, id, tx.snapshot)) this.conflict(tx);
    }
    this.finish(tx.id);
    // Only the buffered final states are written, so no await can come between the check and the write.
    this.commitChanges([...tx.writes.values()]);
  }

  abort(transactionId: string): void {
    this.use(transactionId);
    this.finish(transactionId);
  }

  private use(transactionId: string): Transaction {
    this.expire();
    const tx = this.open.get(transactionId);
    if (!tx) throw new CloudError(ErrorCode.invalidParam, 'transaction not found: it was committed, aborted, or expired');
    tx.lastUsed = this.now();
    return tx;
  }

  /**
   * Refuses a document past MAX_TRANSACTION_DOCUMENTS (emulator/limits.ts, where the figure is explained).
   * The transaction stays open, so the caller can still roll it back. No CloudBase code is documented;
   * DATABASE_REQUEST_FAILED is the generic refusal of a database request (chosen).
   */
  private admit(tx: Transaction, key: string): void {
    if (tx.reads.has(key) || tx.writes.has(key)) return;
    const touched = new Set([...tx.reads.keys(), ...tx.writes.keys()]).size;
    if (touched >= MAX_TRANSACTION_DOCUMENTS) {
      throw new CloudError(TRANSACTION_TOO_LARGE, `a transaction may touch at most ${MAX_TRANSACTION_DOCUMENTS} documents`);
    }
  }

  private conflict(tx: Transaction): never {
    this.finish(tx.id);
    throw new CloudError(ErrorCode.transactionConflict, 'database transaction conflict');
  }

  private atSnapshot(collection: string, id: unknown, snapshot: number): Doc | null {
    const current = this.store.get(collection, id);
    if (current && current.version <= snapshot) return current.doc;
    const image = this.history.get(keyOf(collection, id))?.find((entry) => entry.from <= snapshot && snapshot < entry.to);
    return image?.doc ?? null;
  }

  private modifiedSince(collection: string, id: unknown, snapshot: number): boolean {
    const current = this.store.get(collection, id);
    if (current && current.version > snapshot) return true;
    return (this.history.get(keyOf(collection, id)) ?? []).some((entry) => entry.to > snapshot);
  }

  private finish(transactionId: string): void {
    this.open.delete(transactionId);
    this.prune();
  }

  private expire(): void {
    const limit = this.now() - this.idleTimeoutMs;
    let removed = false;
    for (const tx of this.open.values()) {
      if (tx.lastUsed < limit) {
        this.open.delete(tx.id);
        removed = true;
      }
    }
    if (removed) this.prune();
  }

  /** Drops pre-images that no open transaction's snapshot can reach. */
  private prune(): void {
    if (!this.open.size) {
      this.history.clear();
      return;
    }
    const oldest = Math.min(...[...this.open.values()].map((tx) => tx.snapshot));
    for (const [key, list] of this.history) {
      const kept = list.filter((entry) => entry.to > oldest);
      if (kept.length) this.history.set(key, kept);
      else this.history.delete(key);
    }
  }
}
