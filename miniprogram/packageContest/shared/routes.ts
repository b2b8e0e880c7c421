/** Routes inside packageContest that carry a query, built through the route table (utils/routes.ts). */
import { routeUrl } from '../../utils/routes';

export const signUpUrl = (contestId: string): string => routeUrl('packageContest/signup', { contestId });
/** 组队邀请, of one contest or (no id) all. */
export const invitationsUrl = (contestId = ''): string => routeUrl('packageContest/invitations', { contestId });
export const entriesUrl = (contestId: string, roundId = ''): string => routeUrl('packageContest/entries', { contestId, roundId });
export const entryCourseUrl = (entryId: string, courseId: string): string => routeUrl('packageContest/entry-course', { entryId, courseId });
export const resultsUrl = (contestId: string): string => routeUrl('packageContest/results', { contestId });
export const judgeRoundUrl = (roundId: string): string => routeUrl('packageContest/judge-round', { roundId });
export const scoreUrl = (roundId: string, entryId: string): string => routeUrl('packageContest/score', { roundId, entryId });
export const adminContestUrl = (contestId = ''): string => routeUrl('packageContest/admin-contest', { contestId });
export const adminRoundUrl = (contestId: string, roundId: string): string => routeUrl('packageContest/admin-round', { contestId, roundId });
export const adminJudgesUrl = (contestId: string, roundId: string): string => routeUrl('packageContest/admin-judges', { contestId, roundId });
export const adminResultsUrl = (contestId: string, roundId: string): string => routeUrl('packageContest/admin-results', { contestId, roundId });
/** Takes the contest like the other round pages' builders, though the abuse report needs only the round. */
export const adminAbuseUrl = (_contestId: string, roundId: string): string => routeUrl('packageContest/admin-abuse', { roundId });
