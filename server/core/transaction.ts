/**
 * A typed face for `db.runTransaction`. Inside a transaction CloudBase allows only `doc()` operations and
 * `add` (the page below), which is all this interface offers. A conflict that outlives the retries becomes
 * CONFLICT; any AppError thrown by the body rolls the transaction back and reaches the caller unchanged.
 * Docs: https://docs.cloudbase.net/api-reference/server/node-sdk/database/database#runtransaction
 */
import type { Database } from './cloud';
import type { CollectionName } from './collections';
import { AppError } from './errors';

export interface TxDocument<T> {
  /** In a transaction, `get` answers the document or null (not a list). */
  get(): Promise<{ data: T | null }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
  remove(): Promise<unknown>;
}

export interface Tx {
  collection(name: CollectionName): {
    doc<T = Record<string, unknown>>(id: string): TxDocument<T>;
    add(options: { data: Record<string, unknown> }): Promise<unknown>;
  };
}

/** The code @cloudbase/database retries on (const/code.js ERRORS.DATABASE_TRANSACTION_CONFLICT). */
const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Retries for conflicts. Each round lets at least the first committer through, and our transactions
 * re-read what they decide on, so a handful suffices even for tens of parallel callers (chosen).
 */
const DEFAULT_RETRIES = 10;

export async function runTransaction<T>(db: Database, body: (tx: Tx) => Promise<T>, retries = DEFAULT_RETRIES): Promise<T> {
  try {
    return (await db.runTransaction((tx: Tx) => body(tx), retries)) as T;
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === CONFLICT_CODE) throw new AppError('CONFLICT');
    throw err;
  }
}

/**
 * wx-server-sdk's `doc().get()` throws for a missing document unless the database was created with
 * `throwOnNotFound: false` (index.js, DocumentReference.get); the error names the id.
 */
function isNotFound(err: unknown, id: string): boolean {
  const message = typeof err === 'object' && err !== null ? (err as { errMsg?: unknown }).errMsg : undefined;
  return typeof message === 'string' && message.includes(`document with _id ${id} does not exist`);
}

/** Reads one document inside a transaction, or null when it does not exist. */
export async function txGet<T>(tx: Tx, collection: CollectionName, id: string): Promise<T | null> {
  try {
    const { data } = await tx.collection(collection).doc<T>(id).get();
    return data ?? null;
  } catch (err) {
    if (isNotFound(err, id)) return null;
    throw err;
  }
}

/** Writes a whole document inside a transaction (`set` takes the fields without `_id`). */
export async function txPut<D extends { _id: string }>(tx: Tx, collection: CollectionName, doc: D): Promise<void> {
  const { _id, ...data } = doc;
  await tx.collection(collection).doc(_id).set({ data });
}

export interface Backoff {
  /** Rounds before CONFLICT reaches the caller. */
  rounds: number;
  /** runTransaction's immediate reruns inside one round. */
  attemptsPerRound: number;
  /** The first random wait's window; it doubles each round up to `capMs`. */
  baseMs: number;
  capMs: number;
}

/**
 * 12 rounds of one immediate rerun (a lost round costs one wasted attempt only), waits from 10 ms to 640 ms:
 * about 5 s at worst. Chosen bounds.
 */
export const DEFAULT_BACKOFF: Backoff = { rounds: 12, attemptsPerRound: 2, baseMs: 10, capMs: 640 };

/** A random wait out of `backoff`'s window for `round` (1-based): it doubles each round up to the cap. */
export function backoffPause(backoff: Backoff, round: number): Promise<void> {
  const window = Math.min(backoff.capMs, backoff.baseMs * 2 ** (round - 1));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * window));
}

/**
 * Runs `work` again after a backoff pause while it answers CONFLICT, for `backoff.rounds` rounds; then the
 * CONFLICT reaches the caller. The one retry loop of the server: every writer that can lose a race to a
 * crowd goes through it or through transactWithBackoff.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, backoff: Backoff = DEFAULT_BACKOFF): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || round >= backoff.rounds) throw err;
    }
    await backoffPause(backoff, round);
  }
}

/**
 * Transactions on shared documents under a crowd. runTransaction's own retries rerun at once, so a crowd on
 * one document keeps colliding; here a conflicted transaction waits a random moment out of a window that
 * doubles each round, then, after the last round, answers CONFLICT.
 */
export function transactWithBackoff<T>(db: Database, body: (tx: Tx) => Promise<T>, backoff: Backoff = DEFAULT_BACKOFF): Promise<T> {
  return retryOnConflict(() => runTransaction(db, body, backoff.attemptsPerRound), backoff);
}
