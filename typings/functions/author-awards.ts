/**
 * Actions of function `authoring` for the annual author awards (年度作者评选): a company-wide admin runs the
 * year-end selection (candidates computed from the year's figures), edits the draft (named awards added by
 * hand), and publishes it once; publishing pays each award's points through the ledger, issues a certificate
 * per award and notifies the winners. Trainers read the results; members read the winners of published years.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { id, POINTS_LIMITS, pointsAmount, requiredText, text } from '../schema';

/**
 * 最受欢迎作者 (most learners that year), 最佳口碑作者 (best average of the year's ratings, with a minimum
 * number of them), 最大进步作者 (most learners gained over the year before), and 特别奖 named by hand.
 */
export const AUTHOR_AWARD_KINDS = ['most_learners', 'best_rated', 'most_improved', 'named'] as const;
export type AuthorAwardKind = (typeof AUTHOR_AWARD_KINDS)[number];

/** The computed kinds (every kind but `named`). */
export const COMPUTED_AWARD_KINDS = ['most_learners', 'best_rated', 'most_improved'] as const;
export type ComputedAwardKind = (typeof COMPUTED_AWARD_KINDS)[number];

export const AUTHOR_AWARD_LIMITS = {
  /** Awards in one year's list. */
  awards: 30,
  title: 20,
  /** The figure or reason printed under the award (学员 1,204 人, 平均 4.8 分 / 36 条评分). */
  basis: 60,
  minYear: 2020,
  maxYear: 2100,
  /** Ratings a year needs before an author may be best rated. */
  minRatings: 10_000,
} as const;

export const AUTHOR_AWARD_STATUSES = ['draft', 'published'] as const;
export type AuthorAwardStatus = (typeof AUTHOR_AWARD_STATUSES)[number];

/** One award of a year. */
export interface AuthorAwardView {
  /** Stable within the year: `a1`, `a2`, ... (the ledger and the certificate are keyed by it). */
  awardId: string;
  kind: AuthorAwardKind;
  title: string;
  memberId: string;
  memberName: string;
  departmentPath: string[];
  basis: string;
  points: number;
  /** The certificate's verification code once published (null in a draft). */
  certificateCode: string | null;
}

export interface AuthorAwardYearView {
  year: number;
  /** `none`: no selection run yet. */
  status: AuthorAwardStatus | 'none';
  minRatings: number;
  awards: AuthorAwardView[];
  updatedAt: string | null;
  publishedAt: string | null;
  /** Published years, newest first (for the year picker). */
  publishedYears: number[];
}

/** An award as a member sees it beside an author (我的创作, the winners' page). */
export interface AuthorAwardBadge {
  year: number;
  awardId: string;
  kind: AuthorAwardKind;
  title: string;
  basis: string;
  points: number;
  certificateCode: string | null;
}

export interface PublishAuthorAwardsResult {
  year: number;
  awards: number;
  /** Points entries written by this call (0 when every award was paid before). */
  paid: number;
  points: number;
}

const year = z.int().check(z.gte(AUTHOR_AWARD_LIMITS.minYear), z.lte(AUTHOR_AWARD_LIMITS.maxYear));

const awardPoints = {
  most_learners: pointsAmount(POINTS_LIMITS.award),
  best_rated: pointsAmount(POINTS_LIMITS.award),
  most_improved: pointsAmount(POINTS_LIMITS.award),
};

export const authorAwardContracts = {
  /**
   * Computes the year's candidates into the draft (company-wide admins): the computed awards are replaced,
   * named awards added by hand stay. Refused once the year is published.
   */
  selectAuthorAwards: contract<AuthorAwardYearView>()(
    z.strictObject({
      year,
      minRatings: z.int().check(z.gte(1), z.lte(AUTHOR_AWARD_LIMITS.minRatings)),
      points: z.strictObject(awardPoints),
    }),
  ),
  /** A year's list: admins see the draft, trainers only a published year. */
  getAuthorAwards: contract<AuthorAwardYearView>()(z.strictObject({ year })),
  /** Replaces the draft's list (edit, remove, add named awards); refused once published. */
  saveAuthorAwards: contract<AuthorAwardYearView>()(
    z.strictObject({
      year,
      awards: z
        .array(
          z.strictObject({
            /** An award of the draft kept (its id), or absent for a new one. */
            awardId: z.optional(id),
            kind: z.enum(AUTHOR_AWARD_KINDS),
            title: requiredText(AUTHOR_AWARD_LIMITS.title),
            memberId: id,
            basis: text(AUTHOR_AWARD_LIMITS.basis),
            points: pointsAmount(POINTS_LIMITS.award),
          }),
        )
        .check(z.maxLength(AUTHOR_AWARD_LIMITS.awards)),
    }),
  ),
  /** Publishes the draft once: pays the points, issues the certificates, notifies the winners. */
  publishAuthorAwards: contract<PublishAuthorAwardsResult>()(z.strictObject({ year })),
  /** Members: the winners of a published year (the newest when `year` is absent). */
  authorAwardWinners: contract<AuthorAwardYearView>()(z.strictObject({ year: z.optional(year) })),
};
