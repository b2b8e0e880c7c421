/**
 * 学员等级 (company-wide admin): the learner ladder, lowest rung first, each with its name and the points
 * a member must have earned in total to reach it. New thresholds apply from the day they are saved: levels
 * already reached stay (the server keeps them). Checked here first (names, rising thresholds); the function
 * checks again and records the change in the audit log.
 */
import { getLearnerLevels, setLearnerLevels, type LearnerLevelRule, type LearnerLevelSettings } from '../../services/points';
import { readInteger } from '../../utils/form';
import { LEARNER_LEVEL_LIMITS } from '../../utils/limits';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, submitWithToast } from '../../utils/submit-once';
import { beijingDateTime } from '../../utils/time';

interface LevelRow {
  /** For wx:key: rows are added and removed. */
  key: number;
  name: string;
  minEarned: string;
  error: string;
}

let nextKey = 0;

const toRow = (level: LearnerLevelRule): LevelRow => ({ key: (nextKey += 1), name: level.name, minEarned: String(level.minEarned), error: '' });

/** The row as the contract wants it, or the first problem in Chinese; `below` is the rung under it. */
function readRow(row: LevelRow, below: LearnerLevelRule | null): { level: LearnerLevelRule } | { error: string } {
  const name = row.name.trim();
  if (name === '' || name.length > LEARNER_LEVEL_LIMITS.levelName) return { error: `等级名称须为 1 到 ${LEARNER_LEVEL_LIMITS.levelName} 个字` };
  const read = readInteger(row.minEarned, { label: '积分门槛', min: 1, max: LEARNER_LEVEL_LIMITS.minEarned });
  if (!read.ok) return { error: read.error };
  const minEarned = read.value as number;
  if (below && minEarned <= below.minEarned) return { error: `积分门槛须高于「${below.name}」的 ${below.minEarned}` };
  return { level: { name, minEarned } };
}

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { index?: number }>;

function settingsView(settings: LearnerLevelSettings): { rows: LevelRow[]; updated: string } {
  const updated = settings.updatedAt ? `最近保存：${beijingDateTime(settings.updatedAt)}` : '当前为默认等级，尚未保存过';
  return { rows: settings.levels.map(toRow), updated };
}

defineLoadedPage({
  where: 'learner-levels',
  data: {
    updated: '',
    rows: [] as LevelRow[],
    maxLevels: LEARNER_LEVEL_LIMITS.levels,
    maxName: LEARNER_LEVEL_LIMITS.levelName,
    ...initialSubmitState(),
  },
  fetch: getLearnerLevels,
  show: settingsView,
  methods: {
    onNameInput(event: RowEvent) {
      const { index } = event.currentTarget.dataset;
      if (index !== undefined) this.setData({ [`rows[${index}].name`]: event.detail.value, [`rows[${index}].error`]: '' });
    },
    onEarnedInput(event: RowEvent) {
      const { index } = event.currentTarget.dataset;
      if (index !== undefined) this.setData({ [`rows[${index}].minEarned`]: event.detail.value, [`rows[${index}].error`]: '' });
    },
    onAddLevel() {
      const last = this.data.rows[this.data.rows.length - 1];
      if (!last || this.data.rows.length >= LEARNER_LEVEL_LIMITS.levels) return;
      // The new rung starts at twice the one below (it must ask more).
      const below = Number(last.minEarned);
      const start = Number.isSafeInteger(below) && below > 0 ? String(Math.min(LEARNER_LEVEL_LIMITS.minEarned, below * 2)) : '';
      this.setData({ rows: [...this.data.rows, { key: (nextKey += 1), name: '', minEarned: start, error: '' }] });
    },
    onRemoveLevel(event: RowEvent) {
      const { index } = event.currentTarget.dataset;
      if (index !== undefined && this.data.rows.length > 1) this.setData({ rows: this.data.rows.filter((_, at) => at !== index) });
    },
    async onSave() {
      const levels: LearnerLevelRule[] = [];
      let failed = false;
      const names = new Set<string>();
      this.data.rows.forEach((row, index) => {
        const result = readRow(row, levels[levels.length - 1] ?? null);
        const error = 'error' in result ? result.error : names.has(result.level.name) ? '等级名称不能重复' : '';
        this.setData({ [`rows[${index}].error`]: error });
        if (error !== '') failed = true;
        else if ('level' in result) {
          names.add(result.level.name);
          levels.push(result.level);
        }
      });
      if (failed) return;
      await submitWithToast(this, () => setLearnerLevels({ levels }), {
        where: 'learner-levels',
        fallback: '保存失败，请稍后重试',
        success: '学员等级已保存',
        done: (settings) => this.setData(settingsView(settings)),
      });
    },
  },
});
