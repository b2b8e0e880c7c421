/**
 * 我的积分: balance and total earned, points expiring soon (when yearly expiry is on), and the ledger with
 * the reason of every entry, newest first, page by page.
 */
import { expiryDay, getBalance, listHistory, toLedgerRow, type Balance } from '../../services/points';
import { failureOf } from '../../utils/failure';
import { refreshWith } from '../../utils/page';
import { definePagedListPage } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';

interface BalanceCard {
  balance: number;
  earnedTotal: number;
  /** e.g. 120 积分将于 2027-12-31 过期; empty when nothing expires. */
  expiringSoon: string;
  expiring: { key: string; text: string }[];
}

function toBalanceCard(balance: Balance): BalanceCard {
  const expiring = balance.expiryEnabled ? balance.expiring.filter((part) => part.amount > 0) : [];
  const lines = expiring.map((part) => ({ key: String(part.year), text: `${part.year} 年获得的 ${part.amount} 积分将于 ${expiryDay(part.expiresAt)} 过期` }));
  const first = expiring[0];
  return {
    balance: balance.balance,
    earnedTotal: balance.earnedTotal,
    expiringSoon: first ? `${first.amount} 积分将于 ${expiryDay(first.expiresAt)} 过期` : '',
    expiring: lines,
  };
}

definePagedListPage({
  fetchPage: listHistory,
  toView: toLedgerRow,
  data: {
    card: null as BalanceCard | null,
    balanceError: '',
  },
  methods: {
    /** The balance card and the ledger's first page load together (first load, pull-down, retry). */
    refresh() {
      return Promise.all([this.loadBalance(), this.reload()]).then(() => undefined);
    },
    onLoad() {
      return this.refresh();
    },
    onPullDownRefresh() {
      return refreshWith(() => this.refresh());
    },
    onRetry() {
      return this.refresh();
    },
    async loadBalance() {
      try {
        this.setData({ card: toBalanceCard(await getBalance()), balanceError: '' });
      } catch (error) {
        this.setData({ balanceError: failureOf(error, 'points').message });
      }
    },
    onOpenMall() {
      wx.navigateTo({ url: routeUrl('packagePoints/mall') });
    },
  },
});
