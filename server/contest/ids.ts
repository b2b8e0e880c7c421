/** Deterministic ids of the contest area: uniqueness comes from the ids, not from "check then insert". */

export const roundIdOf = (contestId: string, index: number): string => `${contestId}:r${index + 1}`;
export const participantId = (contestId: string, memberId: string): string => `${contestId}:${memberId}`;
export const standingId = (roundId: string, entryId: string): string => `${roundId}:${entryId}`;
export const scoreId = (roundId: string, entryId: string, judgeId: string): string => `${roundId}:${entryId}:${judgeId}`;
export const entryCourseId = (entryId: string, courseId: string): string => `${entryId}:${courseId}`;
export const awardDocId = (contestId: string, awardId: string): string => `${contestId}:${awardId}`;
/** An entry's id: one per sign-up request, so a retried sign-up answers the same entry. */
export const entryIdOf = (contestId: string, memberId: string, requestId: string): string => `${contestId}:${memberId}:${requestId}`;
