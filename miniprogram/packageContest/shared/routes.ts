/** Routes inside packageContest that carry a query, built in one place. */
const query = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');

export const signUpUrl = (contestId: string): string => `/packageContest/signup/index?${query({ contestId })}`;
/** 组队邀请, of one contest or (no id) all. */
export const invitationsUrl = (contestId = ''): string => (contestId ? `/packageContest/invitations/index?${query({ contestId })}` : '/packageContest/invitations/index');
export const entriesUrl = (contestId: string, roundId = ''): string => `/packageContest/entries/index?${query(roundId ? { contestId, roundId } : { contestId })}`;
export const entryCourseUrl = (entryId: string, courseId: string): string => `/packageContest/entry-course/index?${query({ entryId, courseId })}`;
export const resultsUrl = (contestId: string): string => `/packageContest/results/index?${query({ contestId })}`;
export const judgeRoundUrl = (roundId: string): string => `/packageContest/judge-round/index?${query({ roundId })}`;
export const scoreUrl = (roundId: string, entryId: string): string => `/packageContest/score/index?${query({ roundId, entryId })}`;
export const adminContestUrl = (contestId = ''): string => (contestId ? `/packageContest/admin-contest/index?${query({ contestId })}` : '/packageContest/admin-contest/index');
export const adminRoundUrl = (contestId: string, roundId: string): string => `/packageContest/admin-round/index?${query({ contestId, roundId })}`;
export const adminJudgesUrl = (contestId: string, roundId: string): string => `/packageContest/admin-judges/index?${query({ contestId, roundId })}`;
export const adminResultsUrl = (contestId: string, roundId: string): string => `/packageContest/admin-results/index?${query({ contestId, roundId })}`;
export const adminAbuseUrl = (contestId: string, roundId: string): string => `/packageContest/admin-abuse/index?${query({ contestId, roundId })}`;
