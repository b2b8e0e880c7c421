/**
 * Schema pieces every function's contract shares, defined once so an id, a day or a points amount means the
 * same thing in every action. Paging lives beside them in `functions/paging.ts`.
 */
import * as z from 'zod/mini';

/** A document id (ours are at most 128 characters; CloudBase's generated ids are shorter). */
export const id = z.string().check(z.minLength(1), z.maxLength(128));

/** A Beijing day, `YYYY-MM-DD`. */
export const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

/** A cloud storage file id (`cloud://env.bucket/path`). */
export const fileId = z.string().check(z.startsWith('cloud://'), z.maxLength(512));

/**
 * An id the app generates once per user intent (a UUID, for example) and sends again on a retry, so the
 * server answers the retry with what it did the first time: `requestId`, `attemptId`, `sessionId` inputs.
 */
export const clientId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));

/** Text trimmed by the server, at most `max` characters; may be empty. */
export const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));

/** Text trimmed by the server, 1 to `max` characters. */
export const requiredText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Bounds of points amounts: a price, a balance change or a rule's points; an award or a campaign's bonus. */
export const POINTS_LIMITS = { amount: 1_000_000, award: 100_000 } as const;

/** A whole, non-negative points amount up to `max` (money-like: never fractional, never negative). */
export const pointsAmount = (max: number = POINTS_LIMITS.amount) => z.int().check(z.gte(0), z.lte(max));
