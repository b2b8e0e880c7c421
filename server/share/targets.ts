/**
 * What a share points at, and whether the sharer may see it. Courses and series follow the catalogue's
 * audience rules; campaigns, contests and contest entries must be published (an entry: its contest
 * published and the entry submitted). A hidden target answers NOT_FOUND, as the catalogue does.
 */
import type { CampaignDoc, ContestDoc, ContestEntryDoc, MemberDoc, SeriesDoc } from '../../typings/domain';
import type { ShareBoardKind, ShareTargetKind } from '../../typings/docs/share';
import { AppError, COLLECTIONS, type Database, findById } from '../core';
import { audiencesOf, isVisible, loadVisibleCourse } from '../core/visibility';

export interface ShareTargetInfo {
  kind: ShareTargetKind;
  id: string;
  title: string;
  cover: string | null;
  /** The leaderboard the share counts in. */
  boardKind: ShareBoardKind | null;
  boardId: string | null;
}

const notFound = () => new AppError('NOT_FOUND', '分享的内容不存在或未对你开放');

async function publishedContest(db: Database, contestId: string): Promise<ContestDoc> {
  const contest = await findById<ContestDoc>(db, COLLECTIONS.contests, contestId);
  if (contest?.status !== 'published') throw notFound();
  return contest;
}

export async function resolveTarget(db: Database, member: MemberDoc, kind: ShareTargetKind, id: string, now: Date): Promise<ShareTargetInfo> {
  switch (kind) {
    case 'course': {
      const course = await loadVisibleCourse(db, member, id, now).catch(() => {
        throw notFound();
      });
      return { kind, id, title: course.title, cover: course.cover, boardKind: null, boardId: null };
    }
    case 'series': {
      const series = await findById<SeriesDoc>(db, COLLECTIONS.series, id);
      if (!series || !isVisible(series, audiencesOf(member, now))) throw notFound();
      return { kind, id, title: series.title, cover: series.cover, boardKind: null, boardId: null };
    }
    case 'campaign': {
      const campaign = await findById<CampaignDoc>(db, COLLECTIONS.campaigns, id);
      if (campaign?.status !== 'published') throw notFound();
      return { kind, id, title: campaign.title, cover: campaign.cover ?? null, boardKind: 'campaign', boardId: id };
    }
    case 'contestResults': {
      const contest = await publishedContest(db, id);
      return { kind, id, title: `${contest.title} 结果`, cover: contest.poster ?? null, boardKind: 'contest', boardId: id };
    }
    case 'contestEntry': {
      const entry = await findById<ContestEntryDoc>(db, COLLECTIONS.contestEntries, id);
      if (!entry?.submitted) throw notFound();
      const contest = await publishedContest(db, entry.contestId);
      return { kind, id, title: entry.title, cover: contest.poster ?? null, boardKind: 'contest', boardId: contest._id };
    }
  }
}
