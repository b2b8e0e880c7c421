/**
 * 绑定记录 (admin): every attempt to bind a WeChat user to a roster member, newest first, with how it ended
 * and why – the reason the person trying was never told. Filter by outcome or by employee number. The
 * WeChat user shows as a stable pseudonym, so repeated attempts by one user stand out without an OPENID.
 */
import { listBindAttempts, type BindAttempt, type BindAttemptListInput } from '../../services/admin';
import { BIND_OUTCOME_LABELS, BIND_REASON_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { ADMIN_LIMITS } from '../../utils/limits';
import { beijingDateTime } from '../../utils/time';

type Outcome = NonNullable<BindAttemptListInput['outcome']>;

const OUTCOME_OPTIONS: readonly { value: Outcome | ''; label: string }[] = [
  { value: '', label: '全部结果' },
  { value: 'bound', label: BIND_OUTCOME_LABELS.bound },
  { value: 'refused', label: BIND_OUTCOME_LABELS.refused },
  { value: 'rate_limited', label: BIND_OUTCOME_LABELS.rate_limited },
];

interface AttemptView {
  id: string;
  at: string;
  wechatUser: string;
  employeeNo: string;
  factor: string;
  outcome: BindAttempt['outcome'];
  reason: string;
}

function toAttemptView(attempt: BindAttempt): AttemptView {
  return {
    id: attempt.id,
    at: beijingDateTime(attempt.at),
    wechatUser: attempt.wechatUser,
    employeeNo: attempt.employeeNo,
    factor: attempt.factor === 'phone' ? '手机号验证' : '绑定码',
    outcome: attempt.outcome,
    reason: BIND_REASON_LABELS[attempt.reason],
  };
}

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
/** components/picker-field's change: the chosen outcome ('' for all). */
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
const isOutcome = (value: string): value is Outcome | '' => OUTCOME_OPTIONS.some((option) => option.value === value);

definePagedListPage({
  fetchPage(page, pageSize) {
    const { outcome } = this.data;
    const employeeNo = this.data.employeeNo.trim();
    return listBindAttempts({ page, pageSize, ...(outcome ? { outcome } : {}), ...(employeeNo ? { employeeNo } : {}) });
  },
  toView: toAttemptView,
  data: {
    limits: ADMIN_LIMITS,
    employeeNo: '',
    outcomeOptions: OUTCOME_OPTIONS,
    outcome: '' as Outcome | '',
  },
  methods: {
    onLoad() {
      return this.reload();
    },
    onEmployeeNoInput(event: InputEvent) {
      this.setData({ employeeNo: event.detail.value });
    },
    onSearch() {
      return this.reloadWith({});
    },
    onOutcomeChange(event: PickEvent) {
      const outcome = event.detail.value;
      return isOutcome(outcome) ? this.reloadWith({ outcome }) : Promise.resolve();
    },
  },
});
