/**
 * 课程评审设置 (admin): the review gate – rubric dimensions (评分维度) with their weights, the scale each is
 * scored on, the pass threshold (通过分数) and how many reviewers score each submission. Everything is checked
 * here before saving; the function checks it again. A rubric is snapshotted when a course is submitted, so a
 * change applies to later submissions only (said on the page).
 */
import { getReviewSettings, updateReviewSettings, type ReviewSettings, type ReviewSettingsInput } from '../../services/authoring';
import { readDecimal, readInteger, readText, type FieldEvent } from '../../utils/form';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { AUTHORING_LIMITS } from '../../utils/limits';

type Scale = ReviewSettings['scale'];

/** The contract's bounds (typings/functions/authoring.ts updateReviewSettings). */
const MAX_DIMENSIONS = AUTHORING_LIMITS.dimensions;
const MAX_NAME = AUTHORING_LIMITS.dimensionName;
const MAX_WEIGHT = AUTHORING_LIMITS.dimensionWeight;
const MAX_REVIEWERS = AUTHORING_LIMITS.reviewersPerRevision;

const SCALE_CHOICES: { value: Scale; label: string; min: number; max: number }[] = [
  { value: '1-5', label: '1–5 分', min: 1, max: 5 },
  { value: '0-100', label: '0–100 分', min: 0, max: 100 },
];

interface DimensionRow {
  /** Kept from the saved settings (scores are keyed by it); new rows get a fresh one. */
  id: string;
  name: string;
  weight: string;
  error: string;
}

/** A dimension id the contract accepts (`^[a-z][a-z0-9_]{0,31}$`) and no row uses yet. */
function freshDimensionId(rows: readonly Pick<DimensionRow, 'id'>[]): string {
  const taken = new Set(rows.map((row) => row.id));
  let n = rows.length + 1;
  while (taken.has(`dimension_${n}`)) n += 1;
  return `dimension_${n}`;
}

const choiceOf = (scale: string) => SCALE_CHOICES.find((choice) => choice.value === scale);

function rangeHint(value: Scale): string {
  const scale = choiceOf(value) ?? SCALE_CHOICES[0]!;
  return `每个维度按 ${scale.label}打分；各维度按权重加权平均，所有审核员的平均分达到通过分数（${scale.min}–${scale.max}）即发布，否则退回作者。`;
}

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { index?: number; field?: 'name' | 'weight' }>;
type IndexEvent = WechatMiniprogram.CustomEvent<{}, {}, { index?: number }>;

function settingsView(settings: ReviewSettings) {
  return {
    dimensions: settings.dimensions.map((dimension) => ({ id: dimension.id, name: dimension.name, weight: String(dimension.weight), error: '' })),
    scale: settings.scale,
    hint: rangeHint(settings.scale),
    threshold: String(settings.threshold),
    thresholdError: '',
    reviewers: String(settings.reviewersPerRevision),
    reviewersError: '',
    formError: '',
  };
}

defineLoadedPage({
  where: 'review-settings',
  data: {
    limits: AUTHORING_LIMITS,
    dimensions: [] as DimensionRow[],
    maxDimensions: MAX_DIMENSIONS,
    scaleChoices: SCALE_CHOICES,
    scale: SCALE_CHOICES[0]!.value as Scale,
    hint: rangeHint(SCALE_CHOICES[0]!.value),
    threshold: '',
    thresholdError: '',
    reviewers: '',
    reviewersError: '',
    /** Errors about the rubric as a whole (duplicate names, none left). */
    formError: '',
    ...initialSubmitState(),
  },
  fetch: getReviewSettings,
  show: settingsView,
  methods: {
    onRowInput(event: RowEvent) {
      const { index, field } = event.currentTarget.dataset;
      if (index === undefined || !field) return;
      this.setData({ [`dimensions[${index}].${field}`]: event.detail.value, [`dimensions[${index}].error`]: '', formError: '' });
    },
    onAddDimension() {
      const rows = this.data.dimensions;
      if (rows.length >= MAX_DIMENSIONS) {
        this.setData({ formError: `评分维度最多 ${MAX_DIMENSIONS} 个` });
        return;
      }
      this.setData({ dimensions: [...rows, { id: freshDimensionId(rows), name: '', weight: '', error: '' }], formError: '' });
    },
    onRemoveDimension(event: IndexEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const rows = this.data.dimensions;
      if (rows.length <= 1) {
        this.setData({ formError: '至少保留一个评分维度' });
        return;
      }
      this.setData({ dimensions: rows.filter((_, at) => at !== index), formError: '' });
    },
    /** components/picker-field's change: the chosen scale. */
    onScalePick(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const choice = choiceOf(event.detail.value);
      if (choice) this.setData({ scale: choice.value, hint: rangeHint(choice.value), thresholdError: '' });
    },
    onThresholdInput(event: FieldEvent) {
      this.setData({ threshold: event.detail.value, thresholdError: '' });
    },
    onReviewersInput(event: FieldEvent) {
      this.setData({ reviewers: event.detail.value, reviewersError: '' });
    },
    /** The settings as typed, or null after marking every field in error. */
    readSettings(): ReviewSettingsInput | null {
      const scale = choiceOf(this.data.scale) ?? SCALE_CHOICES[0]!;
      const seen = new Set<string>();
      const dimensions: ReviewSettingsInput['dimensions'] = [];
      let valid = true;
      const rows = this.data.dimensions.map((row, index) => {
        const name = readText(row.name, `第 ${index + 1} 个维度的名称`, MAX_NAME, true);
        const label = name.ok ? `「${name.value}」的权重` : `第 ${index + 1} 个维度的权重`;
        const weight = readInteger(row.weight, { label, min: 1, max: MAX_WEIGHT });
        let error = !name.ok ? name.error : !weight.ok ? weight.error : '';
        if (!error && name.ok && seen.has(name.value)) error = `评分维度「${name.value}」重复了`;
        if (name.ok) seen.add(name.value);
        if (error) valid = false;
        else if (name.ok && weight.ok) dimensions.push({ id: row.id, name: name.value, weight: weight.value as number });
        return { ...row, error };
      });
      const threshold = readDecimal(this.data.threshold, { label: '通过分数', min: scale.min, max: scale.max, decimals: 2 });
      const reviewers = readInteger(this.data.reviewers, { label: '每门课程的审核人数', min: 1, max: MAX_REVIEWERS });
      this.setData({
        dimensions: rows,
        thresholdError: threshold.ok ? '' : threshold.error,
        reviewersError: reviewers.ok ? '' : reviewers.error,
        formError: rows.length === 0 ? '至少保留一个评分维度' : '',
      });
      if (!valid || rows.length === 0 || !threshold.ok || !reviewers.ok) return null;
      return { dimensions, scale: scale.value, threshold: threshold.value, reviewersPerRevision: reviewers.value as number };
    },
    async onSave() {
      if (this.data.submitting) return;
      const settings = this.readSettings();
      if (!settings) {
        toast('请检查标红的输入');
        return;
      }
      const outcome = await submitOnce(this, () => updateReviewSettings(settings), { where: 'review-settings', fallback: '保存失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      this.setData(settingsView(outcome.value));
      toast('评审设置已保存');
    },
  },
});
