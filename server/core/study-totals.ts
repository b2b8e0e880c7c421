/**
 * A member's study totals (我的学习: valid study time, courses started and completed), summed over their
 * learning records in one aggregation when read, so they are as current as the records and no request keeps
 * a running total beside them. Read by the learner's own page (server/course/home.ts) and the admin's member
 * record (server/admin/member-record.ts). Records are keyed `<memberId>:<courseId>` and indexed by member.
 * Completions are summed with `cond`:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/AggregateCommand.cond.html
 */
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';

export interface StudyTotals {
  studyMs: number;
  coursesStarted: number;
  coursesCompleted: number;
}

export async function studyTotals(db: Database, memberId: string): Promise<StudyTotals> {
  const $ = db.command.aggregate;
  const { list } = (await db
    .collection(COLLECTIONS.learningRecords)
    .aggregate()
    .match({ memberId })
    .group({ _id: null, studyMs: $.sum('$studyMs'), coursesStarted: $.sum(1), coursesCompleted: $.sum($.cond(['$completed', 1, 0])) })
    .end()) as unknown as { list: StudyTotals[] };
  const totals = list[0];
  return { studyMs: totals?.studyMs ?? 0, coursesStarted: totals?.coursesStarted ?? 0, coursesCompleted: totals?.coursesCompleted ?? 0 };
}
