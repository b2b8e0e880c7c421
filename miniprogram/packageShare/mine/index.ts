/** 我的分享: what I shared (newest first), how many colleagues each reached and what it led to, with totals. */
import { listMyShares, type MyShareRow } from '../../services/share';
import { SHARE_CHANNEL_LABELS, SHARE_TARGET_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { targetUrl } from '../../utils/share';
import { beijingDateTime } from '../../utils/time';

interface ShareView {
  token: string;
  title: string;
  /** 课程 · 微信好友 · 2026-03-01 10:00 */
  meta: string;
  reach: number;
  conversions: number;
  /** 站外打开 3 次, or '' when none. */
  outsiders: string;
  url: string;
}

const toShareView = (row: MyShareRow): ShareView => ({
  token: row.token,
  title: row.title,
  meta: `${SHARE_TARGET_LABELS[row.target.kind]} · ${SHARE_CHANNEL_LABELS[row.channel]} · ${beijingDateTime(row.createdAt)}`,
  reach: row.reach,
  conversions: row.conversions,
  outsiders: row.outsiderOpens > 0 ? `站外打开 ${row.outsiderOpens} 次（未展示内容）` : '',
  url: targetUrl(row.target),
});

type OpenEvent = WechatMiniprogram.BaseEvent<{}, { url?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const view = await listMyShares(page, pageSize);
    if (page === 1) this.setData({ totals: view.totals, hasTotals: true });
    return view;
  },
  toView: toShareView,
  data: {
    totals: { shares: 0, reach: 0, conversions: 0, outsiderOpens: 0 },
    hasTotals: false,
  },
  methods: {
    onOpen(event: OpenEvent) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
  },
});
