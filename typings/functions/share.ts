/**
 * Function `share` (分享): members share a course, a series, a campaign, a contest entry or a contest's
 * results to a chat, to Moments or as a poster; every share carries a token, and opens through it are
 * recorded and attributed to the sharer (the first token that brought a member to a target counts).
 *
 * The landing page is `pages/share/index` (made by the app): a link carries `?token=<token>`, a poster's
 * mini-program code carries the token as its `scene` (wxacode.getUnlimited passes it as `query.scene`,
 * URI-encoded). The page calls `open` and then navigates to the target, or shows "仅限员工" to outsiders.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { clientId, id } from '../schema';
import { SHARE_BOARD_KINDS, SHARE_CHANNELS, SHARE_TARGET_KINDS } from '../docs/share';
import type { ShareBoardKind, ShareChannel, ShareTargetKind } from '../docs/share';
import { type Page, pageInputShape } from './paging';

export { SHARE_CHANNELS, SHARE_TARGET_KINDS };
export type { ShareBoardKind, ShareChannel, ShareTargetKind };

/** The landing page every share opens (links and posters). */
export const SHARE_LANDING_PAGE = 'pages/share/index';

/**
 * Tokens: 12 characters of [A-Za-z0-9_-]. A mini-program code's scene holds at most 32 visible characters
 * of digits, letters and !#$&'()*+,/:;=?@-._~ (https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode),
 * so the token alone is the scene.
 */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{12}$/;

/** Chinese names for the app. */
export const SHARE_CHANNEL_LABELS: Record<ShareChannel, string> = { chat: '微信好友', timeline: '朋友圈', poster: '海报' };
export const SHARE_TARGET_LABELS: Record<ShareTargetKind, string> = {
  course: '课程',
  series: '系列课',
  campaign: '打卡活动',
  contestEntry: '参赛作品',
  contestResults: '大赛结果',
};

export interface ShareTarget {
  kind: ShareTargetKind;
  id: string;
}

export interface ShareCreated {
  token: string;
  target: ShareTarget;
  channel: ShareChannel;
  /** The target's title, for the share card. */
  title: string;
  /** The path to put in onShareAppMessage / onShareTimeline: `pages/share/index?token=<token>` (no leading /). */
  path: string;
  /** For onShareTimeline, which takes a query instead of a path: `token=<token>`. */
  query: string;
}

/** What `open` answers. Outsiders (not a bound, active member) get no target: the app shows "仅限员工" and how to bind. */
export type ShareOpenResult =
  | {
      member: true;
      target: ShareTarget;
      /** This open was the member's first through this token (it counted towards the share's reach). */
      counted: boolean;
      /** Whether this share is the one the member is attributed to for the target (the first token wins). */
      attributed: boolean;
    }
  | { member: false; target: null; counted: boolean; attributed: false };

export interface PosterResult {
  token: string;
  target: ShareTarget;
  title: string;
  /** The target's cover fileID and a temporary URL for drawing it, or null. */
  cover: string | null;
  coverUrl: string | null;
  /** The mini-program code (PNG) in cloud storage, and a temporary URL for drawing it on the poster canvas. */
  codeFileID: string;
  codeUrl: string;
  /** The code's page and scene, for reference: SHARE_LANDING_PAGE and the token. */
  page: string;
  scene: string;
}

export interface ShareCounts {
  /** Colleagues (members other than the sharer) who opened it, once each (触达). */
  reach: number;
  /** WeChat users outside the company who opened it, once each; they saw no content (站外打开). */
  outsiderOpens: number;
  /** Colleagues it brought who then completed, signed up or voted (转化). */
  conversions: number;
}

export interface MyShareRow extends ShareCounts {
  token: string;
  target: ShareTarget;
  title: string;
  channel: ShareChannel;
  /** ISO 8601. */
  createdAt: string;
}

export interface MySharesView extends Page<MyShareRow> {
  /** Over all my shares. */
  totals: ShareCounts & { shares: number };
}

export interface ShareLeaderboardRow {
  /** 1-based: reach, then conversions, then member id. */
  rank: number;
  memberId: string;
  name: string;
  departmentPath: string[];
  shares: number;
  reach: number;
  conversions: number;
  isMe: boolean;
  /** The sharer's learner level (学员等级), or null below the first rung. */
  level: string | null;
}

export interface ShareLeaderboardView extends Page<ShareLeaderboardRow> {
  board: { kind: ShareBoardKind; id: string; title: string };
  /** The caller's row, when they shared in this campaign or contest. */
  mine: ShareLeaderboardRow | null;
  /** ISO 8601: when the reportRollup timer last brought the board up to date, or null before its first run. */
  updatedAt: string | null;
}

const token = z.string().check(z.regex(SHARE_TOKEN_PATTERN));
const targetKind = z.enum(SHARE_TARGET_KINDS);

export const shareContracts = {
  /** Records a share of a target the caller can see; the same requestId answers the same token. */
  create: contract<ShareCreated>()(z.strictObject({ targetKind, targetId: id, channel: z.enum(SHARE_CHANNELS), requestId: clientId })),
  /**
   * Anyone with a WeChat identity. A member: the open is recorded (once per member and token; self-opens
   * never count) and answered with the target. Anyone else: counted as outside reach, answered without any
   * content. An unknown token answers NOT_FOUND.
   */
  open: contract<ShareOpenResult>()(z.strictObject({ token })),
  /** The caller's poster share of a target (one per member and target, reused) and its mini-program code. */
  poster: contract<PosterResult>()(z.strictObject({ targetKind, targetId: id })),
  /** 我的分享: newest first, with reach and conversions, and totals. */
  mine: contract<MySharesView>()(z.strictObject({ ...pageInputShape })),
  /** 分享排行 of a campaign or a contest: sharers by reach, then conversions. */
  leaderboard: contract<ShareLeaderboardView>()(z.strictObject({ ...pageInputShape, boardKind: z.enum(SHARE_BOARD_KINDS), boardId: id })),
};
