/**
 * Documents of share tracking (分享追踪) and learning analytics (学习分析), server side; dates are Date objects.
 */

/** What can be shared: a course, a series, a campaign, a contest entry (参赛作品) or a contest's results. */
export const SHARE_TARGET_KINDS = ['course', 'series', 'campaign', 'contestEntry', 'contestResults'] as const;
export type ShareTargetKind = (typeof SHARE_TARGET_KINDS)[number];

/** Where it was shared: a chat (会话), Moments (朋友圈) or a poster with a mini-program code (海报). */
export const SHARE_CHANNELS = ['chat', 'timeline', 'poster'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** The campaign or contest a share belongs to, for its share leaderboard (分享排行). */
export const SHARE_BOARD_KINDS = ['campaign', 'contest'] as const;
export type ShareBoardKind = (typeof SHARE_BOARD_KINDS)[number];

/** Collection `shares`, `_id` = the share token: one share of one target by one member. */
export interface ShareDoc {
  _id: string;
  sharerId: string;
  sharerName: string;
  sharerDepartmentId: string;
  targetKind: ShareTargetKind;
  targetId: string;
  /** The target's title when shared (lists show it without reading the target). */
  targetTitle: string;
  channel: ShareChannel;
  /** The sharer's idempotency key: the same member and requestId always answer this share. */
  requestId: string;
  /** The campaign or contest whose leaderboard counts this share, or null (courses and series). */
  boardKind: ShareBoardKind | null;
  boardId: string | null;
  createdAt: Date;
  /** Poster shares: the mini-program code image in cloud storage, made once and reused. */
  posterFileID?: string;
}

/**
 * Collection `shareCounters`, `_id` = `<token>:<shard>`: one shard of a share's counters. An open or a
 * conversion increments a random shard inside the transaction that records it, so hundreds of colleagues
 * opening one share at once spread over SHARE_COUNTER_SHARDS documents instead of conflicting on one;
 * readers sum the shards (server/share/counters.ts). The share's fields are copied so the rollup and totals aggregate shards
 * directly.
 */
export interface ShareCounterDoc {
  _id: string;
  token: string;
  shard: number;
  sharerId: string;
  targetKind: ShareTargetKind;
  targetId: string;
  boardKind: ShareBoardKind | null;
  boardId: string | null;
  /** Members (not the sharer) who opened through this share, once each: its reach (触达). */
  opens: number;
  /** Distinct WeChat users outside the company who opened it (站外触达); they saw no content. */
  outsiderOpens: number;
  /** Members attributed to this share who then completed, signed up or voted (转化). */
  conversions: number;
  updatedAt: Date;
}

/** Collection `shareOpens`, `_id` = `<token>:<memberId>`: a member opened this share (counted once). */
export interface ShareOpenDoc {
  _id: string;
  token: string;
  memberId: string;
  openedAt: Date;
  /**
   * Whether the share's reach counts it yet: an open is placed with `false` and counted by the share
   * function's timer (server/share/tally.ts). Opens stored before the tally existed have no field and were
   * counted when placed.
   */
  counted?: boolean;
}

/**
 * Collection `shareOutsiders`, `_id` = `<token>:<hash of the OPENID>`: a non-member opened this share. Only a
 * hash is kept: the company has no business storing outsiders' identities.
 */
export interface ShareOutsiderDoc {
  _id: string;
  token: string;
  openedAt: Date;
}

/**
 * Collection `shareAttributions`, `_id` = `<memberId>:<targetKind>:<targetId>`: the first share that brought
 * a member to a target (first token wins), and whether it converted (once per member and target).
 */
export interface ShareAttributionDoc {
  _id: string;
  memberId: string;
  targetKind: ShareTargetKind;
  targetId: string;
  token: string;
  sharerId: string;
  openedAt: Date;
  convertedAt: Date | null;
  updatedAt: Date;
}

/**
 * Collection `shareBoards`, `_id` = `<boardKind>:<boardId>:<sharerId>`: one sharer's totals in a campaign's
 * or a contest's share leaderboard, recomputed by the reportRollup timer from the share counters.
 */
export interface ShareBoardDoc {
  _id: string;
  boardKind: ShareBoardKind;
  boardId: string;
  sharerId: string;
  name: string;
  departmentPath: string[];
  shares: number;
  reach: number;
  conversions: number;
  updatedAt: Date;
}
