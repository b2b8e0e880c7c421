/**
 * 积分规则 (admin): points per earning event (0 turns an event off), daily caps per event and over all events
 * (empty: no cap), and yearly expiry on or off. Everything is checked here before saving; the function checks
 * it again. Below, the daily ceiling on what each department-scoped admin may credit by adjustment (积分调整上限),
 * saved on its own.
 */
import type { EarningEventType } from '../../../typings/functions/points';
import {
  getAdjustSettings,
  getRules,
  setAdjustSettings,
  setRules,
  type AdjustSettingsView,
  type EarningRulesInput,
  type EarningRulesView,
} from '../../services/points';
import { readInteger, type FieldEvent } from '../../utils/form';
import { EARNING_EVENT_TYPES, LEDGER_REASON_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, submitWithToast } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { POINTS_LIMITS } from '../../utils/limits';
import { beijingDateTime } from '../../utils/time';

/** The contract's bound for points and caps. */
const MAX_POINTS = POINTS_LIMITS.amount;

interface RuleRow {
  type: EarningEventType;
  label: string;
  points: string;
  cap: string;
  error: string;
}

const asText = (value: number | null): string => (value === null ? '' : String(value));

function toRows(rules: EarningRulesView): RuleRow[] {
  return EARNING_EVENT_TYPES.map((type) => ({
    type,
    label: LEDGER_REASON_LABELS[type],
    points: String(rules.points[type]),
    cap: asText(rules.dailyCaps[type]),
    error: '',
  }));
}

const updatedText = (rules: EarningRulesView): string => (rules.updatedAt ? `最近保存：${beijingDateTime(rules.updatedAt)}` : '当前为默认规则，尚未保存过');

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { index?: number; field?: 'points' | 'cap' }>;
type SwitchEvent = WechatMiniprogram.CustomEvent<{ value: boolean }>;

function rulesView(rules: EarningRulesView) {
  return {
    rows: toRows(rules),
    totalCap: asText(rules.dailyTotalCap),
    totalCapError: '',
    expiryEnabled: rules.expiryEnabled,
    updated: updatedText(rules),
    // The server's figures: a kind paying more than a daily cap lets it.
    warnings: rules.warnings.map((warning) => warning.message),
  };
}

const settingsView = (settings: AdjustSettingsView) => ({ ceiling: asText(settings.scopedAdminDailyCeiling), ceilingError: '' });

defineLoadedPage({
  where: 'points-rules',
  data: {
    rows: [] as RuleRow[],
    /** Kinds whose points a daily cap would cut (the server's messages). */
    warnings: [] as string[],
    totalCap: '',
    totalCapError: '',
    expiryEnabled: false,
    updated: '',
    ...initialSubmitState(),
    ceiling: '',
    ceilingError: '',
  },
  fetch: () => Promise.all([getRules(), getAdjustSettings()]),
  show: ([rules, settings]) => ({ ...rulesView(rules), ...settingsView(settings) }),
  methods: {
    onCeilingInput(event: FieldEvent) {
      this.setData({ ceiling: event.detail.value, ceilingError: '' });
    },
    async onSaveCeiling() {
      if (this.data.submitting) return;
      const ceiling = readInteger(this.data.ceiling, { label: '每日调整上限', min: 0, max: MAX_POINTS, optional: true });
      if (!ceiling.ok) {
        this.setData({ ceilingError: ceiling.error });
        return;
      }
      await submitWithToast(this, () => setAdjustSettings({ scopedAdminDailyCeiling: ceiling.value }), {
        where: 'points-rules',
        fallback: '保存失败，请稍后重试',
        success: '调整上限已保存',
        done: (saved) => this.setData(settingsView(saved)),
      });
    },
    onRowInput(event: RowEvent) {
      const { index, field } = event.currentTarget.dataset;
      if (index === undefined || !field) return;
      this.setData({ [`rows[${index}].${field}`]: event.detail.value, [`rows[${index}].error`]: '' });
    },
    onTotalCapInput(event: FieldEvent) {
      this.setData({ totalCap: event.detail.value, totalCapError: '' });
    },
    onExpiryChange(event: SwitchEvent) {
      this.setData({ expiryEnabled: event.detail.value });
    },
    /** The rules as typed, or null after marking every field in error. */
    readRules(): EarningRulesInput | null {
      const points = {} as Record<EarningEventType, number>;
      const dailyCaps = {} as Record<EarningEventType, number | null>;
      let valid = true;
      const rows = this.data.rows.map((row) => {
        const earned = readInteger(row.points, { label: `${row.label}积分`, min: 0, max: MAX_POINTS });
        const cap = readInteger(row.cap, { label: `${row.label}每日上限`, min: 0, max: MAX_POINTS, optional: true });
        if (earned.ok) points[row.type] = earned.value ?? 0;
        if (cap.ok) dailyCaps[row.type] = cap.value;
        const error = !earned.ok ? earned.error : !cap.ok ? cap.error : '';
        if (error) valid = false;
        return { ...row, error };
      });
      const total = readInteger(this.data.totalCap, { label: '每日总上限', min: 0, max: MAX_POINTS, optional: true });
      this.setData({ rows, totalCapError: total.ok ? '' : total.error });
      if (!valid || !total.ok) return null;
      return { points, dailyCaps, dailyTotalCap: total.value, expiryEnabled: this.data.expiryEnabled };
    },
    async onSave() {
      if (this.data.submitting) return;
      const rules = this.readRules();
      if (!rules) {
        toast('请检查标红的输入');
        return;
      }
      await submitWithToast(this, () => setRules(rules), {
        where: 'points-rules',
        fallback: '保存失败，请稍后重试',
        success: '积分规则已保存',
        done: (saved) => this.setData(rulesView(saved)),
      });
    },
  },
});
