/**
 * Authoring documents (课程制作): author levels and their settings, the yearly author awards, and where the
 * rewards timer's scans stopped.
 */
import type { AuthorAwardKind, AuthorAwardStatus } from '../functions/author-awards';
import type { AuthorSettings } from '../functions/authors';

/** Collection `authoringSettings`, `_id` = 'authors'. */
export interface AuthorSettingsDoc extends AuthorSettings {
  _id: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Collection `authorLevels`, `_id` = member id: the rung held and every change. */
export interface AuthorLevelDoc {
  _id: string;
  memberId: string;
  rank: number;
  name: string;
  reachedAt: Date;
  history: { rank: number; name: string; at: Date; reason: string }[];
  updatedAt: Date;
}

export interface AuthorAwardDoc {
  awardId: string;
  kind: AuthorAwardKind;
  title: string;
  memberId: string;
  memberName: string;
  departmentId: string;
  departmentPath: string[];
  basis: string;
  points: number;
}

/** Collection `authorAwardYears`, `_id` = `y<year>`. */
export interface AuthorAwardYearDoc {
  _id: string;
  year: number;
  status: AuthorAwardStatus;
  minRatings: number;
  awards: AuthorAwardDoc[];
  /** The winners' member ids (an author's awards are one indexed query). */
  winnerIds: string[];
  /** The next award's number (`a<n>`): ids are never reused within a year. */
  nextNumber: number;
  /** Certificate codes by award id, written when settled. */
  codes: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  publishedAt: Date | null;
  publishedBy: string | null;
  settledAt: Date | null;
}

export interface Watermark {
  at: Date;
  id: string;
}

/** `authoringSettings/rewards`: where each scan stopped. */
export interface RewardsStateDoc {
  _id: string;
  completions: Watermark | null;
  ratings: Watermark | null;
  awards: Watermark | null;
  updatedAt: Date;
}
