/**
 * 积分调整 (admin): find a member (工号 or 姓名), see their balance and recent entries, and add or deduct
 * points with a required reason. Each confirmed adjustment gets one requestId; after an unknown outcome
 * (network, server busy) 重试调整 sends the same one (utils/submit-once.ts), so the server answers the first
 * result instead of adjusting twice. Changing the member, amount or reason is a new intent: the old requestId
 * is dropped.
 * A department-scoped admin also sees what they credited today against their daily ceiling (积分调整上限).
 */
import { listMembers, type AdminMember } from '../../services/admin';
import { adjustPoints, getAdjustSettings, listMemberHistory, signedPoints, toLedgerRow, type LedgerEntryRow } from '../../services/points';
import type { ApiErrorCode } from '../../services/transport';
import { failureOf } from '../../utils/failure';
import { readInteger, readText, type FieldEvent } from '../../utils/form';
import { EXTERNAL_PARTNER_LABEL } from '../../utils/labels';
import { MALL_LIMITS, POINTS_LIMITS } from '../../utils/limits';
import { definePagedListPage } from '../../utils/paged-list';
import { initialSubmitState, onlyRefusals, renewRequest, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';

/** The contract's bounds (typings/functions/points.ts `adjust`). */
const MAX_AMOUNT = POINTS_LIMITS.amount;
const MAX_REASON = MALL_LIMITS.adjustReason;
const RECENT_ENTRIES = 5;

/**
 * Refusals: nothing was adjusted, and sending the same again would not change that ('' keeps the server's
 * message, which names the numbers). Any other failure leaves the outcome unknown.
 */
const REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  POINTS_INSUFFICIENT: '扣减后积分将小于 0，请减少扣减数量',
  NOT_FOUND: '成员不存在或已删除',
  ADJUST_LIMIT: '',
  INVALID_INPUT: '',
  FORBIDDEN: '',
};
const REFUSAL_CODES = Object.keys(REFUSALS) as ApiErrorCode[];

interface MemberRow {
  memberId: string;
  name: string;
  identity: string;
  department: string;
}

const toMemberRow = (member: AdminMember): MemberRow => ({
  memberId: member.memberId,
  name: member.name,
  identity: member.external || member.employeeNo === null ? EXTERNAL_PARTNER_LABEL : member.employeeNo,
  department: member.departmentPath.join(' / '),
});

type Direction = 'add' | 'deduct';
type MemberTapEvent = WechatMiniprogram.BaseEvent<{}, { memberId?: string }>;
type DirectionEvent = WechatMiniprogram.CustomEvent<{ value?: string }>;
/** 增加 or 扣减: a choice of two, as components/chips. */
const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: 'add', label: '增加积分' },
  { value: 'deduct', label: '扣减积分' },
];

definePagedListPage({
  fetchPage(page, pageSize) {
    const keyword = this.data.keyword.trim();
    return listMembers({ page, pageSize, status: 'active', ...(keyword ? { keyword } : {}) });
  },
  toView: toMemberRow,
  data: {
    limits: MALL_LIMITS,
    keyword: '',
    selected: null as MemberRow | null,
    balance: null as number | null,
    entries: [] as LedgerEntryRow[],
    historyError: '',
    direction: 'add' as Direction,
    directions: DIRECTIONS,
    amount: '',
    reason: '',
    formError: '',
    ...initialSubmitState(),
    /** The caller's daily ceiling and what they credited today; null when no ceiling binds them. */
    ceiling: null as number | null,
    creditedToday: 0,
  },
  methods: {
    onLoad() {
      return Promise.all([this.reload(), this.loadAllowance()]).then(() => undefined);
    },
    /** Informative only: when it cannot be read, the server still enforces the ceiling. */
    async loadAllowance() {
      try {
        const settings = await getAdjustSettings();
        this.setData({ ceiling: settings.myCeiling, creditedToday: settings.myCreditedToday });
      } catch {
        this.setData({ ceiling: null });
      }
    },
    onKeywordInput(event: FieldEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      return this.reloadWith({});
    },
    /** A new intent: the member, amount or reason changed, so a pending request id no longer applies. */
    changed(patch: Record<string, unknown>) {
      this.setData({ ...patch, formError: '' });
      renewRequest(this);
    },
    async onMemberTap(event: MemberTapEvent) {
      const selected = this.data.items.find((member) => member.memberId === event.currentTarget.dataset.memberId);
      if (!selected || this.data.submitting) return;
      this.changed({ selected, balance: null, entries: [], historyError: '', amount: '', reason: '', direction: 'add' });
      await this.loadHistory(selected.memberId);
    },
    async loadHistory(memberId: string) {
      try {
        const history = await listMemberHistory(memberId, 1, RECENT_ENTRIES);
        if (this.data.selected?.memberId !== memberId) return;
        this.setData({ balance: history.balance, entries: history.items.map(toLedgerRow), historyError: '' });
      } catch (error) {
        if (this.data.selected?.memberId === memberId) this.setData({ historyError: failureOf(error, 'points-adjust').message });
      }
    },
    onCloseMember() {
      if (!this.data.submitting) this.changed({ selected: null });
    },
    onDirection(event: DirectionEvent) {
      const direction = DIRECTIONS.find((choice) => choice.value === event.detail.value)?.value;
      if (direction && direction !== this.data.direction) this.changed({ direction });
    },
    onAmountInput(event: FieldEvent) {
      this.changed({ amount: event.detail.value });
    },
    onReasonInput(event: FieldEvent) {
      this.changed({ reason: event.detail.value });
    },
    async onSubmit() {
      const { selected, submitting, direction } = this.data;
      if (!selected || submitting) return;
      const amount = readInteger(this.data.amount, { label: '调整数量', min: 1, max: MAX_AMOUNT });
      const reason = readText(this.data.reason, '调整原因', MAX_REASON, true);
      if (!amount.ok || !reason.ok) {
        this.setData({ formError: !amount.ok ? amount.error : !reason.ok ? reason.error : '' });
        return;
      }
      const signed = (amount.value ?? 0) * (direction === 'deduct' ? -1 : 1);
      // A retry of a send whose answer never came was confirmed already.
      if (!this.data.pendingRequestId) {
        const confirmed = await confirmModal({
          title: '确认调整积分',
          content: `为${selected.name}（${selected.identity}）${direction === 'deduct' ? '扣减' : '增加'} ${Math.abs(signed)} 积分？原因：${reason.value}`,
          confirmText: '确认调整',
          danger: direction === 'deduct',
        });
        if (!confirmed) return;
      }
      this.setData({ formError: '' });
      const outcome = await submitOnce(this, (requestId) => adjustPoints({ memberId: selected.memberId, amount: signed, reason: reason.value, requestId }), {
        where: 'points-adjust',
        fallback: '调整失败，请稍后重试',
        isFinal: onlyRefusals(REFUSAL_CODES),
      });
      if (!outcome) return;
      if (!outcome.ok) {
        const { failure } = outcome;
        const refusal = (failure.code !== null ? REFUSALS[failure.code] : undefined) || failure.message;
        // Unknown outcome: the same request id goes with 重试调整, which cannot adjust twice.
        this.setData({ formError: outcome.unsure ? `调整结果未确认：${failure.message}。请点击“重试调整”，不会重复调整。` : refusal });
        return;
      }
      const result = outcome.value;
      this.setData({
        amount: '',
        reason: '',
        balance: result.balance,
        entries: [toLedgerRow(result.entry), ...this.data.entries].slice(0, RECENT_ENTRIES),
      });
      toast(`已调整 ${signedPoints(signed)} 积分`);
      if (this.data.ceiling !== null && signed > 0) await this.loadAllowance();
    },
  },
});
