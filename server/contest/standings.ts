/** An entry's standing in a round (`contestStandings`): the copies of the entry's fields lists show. */
import type { ContestEntryDoc, ContestStandingDoc } from '../../typings/domain';
import { standingId } from './ids';

/** The standing's copies of the entry's fields (votes and results are never touched here). */
export function standingFields(entry: Pick<ContestEntryDoc, 'title' | 'ownerName' | 'teamName' | 'branchId' | 'courseIds' | 'topicId'>, at: Date) {
  return {
    title: entry.title,
    ownerName: entry.ownerName,
    teamName: entry.teamName,
    branchId: entry.branchId,
    courseCount: entry.courseIds.length,
    topicId: entry.topicId,
    updatedAt: at,
  };
}

export function newStanding(entry: ContestEntryDoc, roundId: string, at: Date): ContestStandingDoc {
  return { _id: standingId(roundId, entry._id), contestId: entry.contestId, roundId, entryId: entry._id, ...standingFields(entry, at), votes: 0 };
}
