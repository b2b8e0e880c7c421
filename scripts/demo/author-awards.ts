/**
 * A published year of annual author awards (年度作者评选): the selection run as a company-wide admin would
 * (computed from the year's figures), the demo's authors filling any award the figures leave open, one
 * named award, then published: each winner paid through the ledger, certified and notified. The year is
 * the one the console's screen opens on (December: this year; otherwise last year). Published already: kept.
 */
import type { Database } from '../../server/core';
import { COLLECTIONS, findById } from '../../server/core';
import { AWARD_TITLES, awardYearId, publishAwards, saveAwards, selectAwards } from '../../server/authoring/awards';
import type { AwardEdit } from '../../server/authoring/awards';
import { beijingYear } from '../../server/core/time';
import type { ComputedAwardKind } from '../../typings/functions/author-awards';
import type { buildDemoCompany } from './company';
import type { AuthorAwardYearDoc } from '../../typings/docs/authoring';

const POINTS: Record<ComputedAwardKind, number> = { most_learners: 500, best_rated: 300, most_improved: 200 };

/** Who wins what the figures leave open: the demo's authors. */
const FALLBACK: Record<ComputedAwardKind, { openid: string; basis: string }> = {
  most_learners: { openid: 'demo-trainer', basis: '全年学员 186 人' },
  best_rated: { openid: 'demo-branch-trainer', basis: '全年平均评分 4.8（24 条评分）' },
  most_improved: { openid: 'demo-learner', basis: '学员 12 → 64 人（增加 52 人）' },
};

export async function seedAuthorAwardsDemo(db: Database, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<{ year: number; awards: number }> {
  const year = beijingYear(now) - (now.getUTCMonth() === 11 ? 0 : 1);
  const stored = await findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(year));
  if (stored?.status === 'published') return { year, awards: stored.awards.length };
  const admin = company.identities.find((identity) => identity.openid === 'demo-admin');
  if (!admin) throw new Error('演示公司缺少 demo-admin 身份');
  const actor = { id: admin.memberId, name: admin.name };
  const memberOf = (openid: string) => company.identities.find((identity) => identity.openid === openid)?.memberId;
  const selected = await selectAwards(db, { year, minRatings: 3, points: POINTS }, actor, now);
  const edits: AwardEdit[] = selected.awards.map(({ awardId, kind, title, memberId, basis, points }) => ({ awardId, kind, title, memberId, basis, points }));
  for (const kind of Object.keys(FALLBACK) as ComputedAwardKind[]) {
    const memberId = memberOf(FALLBACK[kind].openid);
    if (memberId && !edits.some((edit) => edit.kind === kind))
      edits.push({ kind, title: AWARD_TITLES[kind], memberId, basis: FALLBACK[kind].basis, points: POINTS[kind] });
  }
  const mentor = memberOf('demo-trainer');
  if (mentor) edits.push({ kind: 'named', title: '年度最佳带教导师', memberId: mentor, basis: '带教新作者 6 人，3 门课程通过审核', points: 100 });
  await saveAwards(db, year, edits, actor, now);
  const published = await publishAwards(db, year, actor, now);
  return { year, awards: published.awards };
}
