/** Deterministic ids of the contest area: uniqueness comes from the ids, not from "check then insert". */
import { hashId } from '../core/ids';

/** A short id from an idempotency key, so a retried create answers the same document (16 hex digits, as stored). */
const hashed = (prefix: string, key: string): string => hashId(prefix, key, 16);

export const contestIdOf = (memberId: string, requestId: string): string => hashed('ct-', `${memberId}:${requestId}`);
/** One entry per sign-up request: a retried sign-up answers the same entry. */
export const entryIdOf = (contestId: string, memberId: string, requestId: string): string => hashed('en-', `${contestId}:${memberId}:${requestId}`);
export const roundIdOf = (contestId: string, index: number): string => `${contestId}:r${index + 1}`;
export const participantId = (contestId: string, memberId: string): string => `${contestId}:${memberId}`;
export const invitationId = (entryId: string, memberId: string): string => `${entryId}:${memberId}`;
export const standingId = (roundId: string, entryId: string): string => `${roundId}:${entryId}`;
export const scoreId = (roundId: string, entryId: string, judgeId: string): string => `${roundId}:${entryId}:${judgeId}`;
export const entryCourseId = (entryId: string, courseId: string): string => `${entryId}:${courseId}`;
export const awardDocId = (contestId: string, awardId: string): string => `${contestId}:${awardId}`;
