/**
 * 作者等级 (company-wide admin): the author ladder, lowest rung first, each with its name and thresholds
 * (published courses, categories, courses with a quiz, learners, average rating; 0 = no requirement), and
 * the standard a course's rating must reach to pay its author. New thresholds apply from the day they are
 * saved: levels already reached stay (the server keeps them). Checked here first; the function checks again.
 */
import type { AuthorLevelRule } from '../../../typings/functions/authors';
import { getAuthorSettings, setAuthorSettings, type AuthorSettingsView } from '../../services/authoring';
import { readDecimal, readInteger } from '../../utils/form';
import { AUTHOR_LIMITS } from '../../utils/limits';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, submitWithToast } from '../../utils/submit-once';
import { beijingDateTime } from '../../utils/time';

type CountKey = 'minCourses' | 'minCategories' | 'minQuizCourses' | 'minLearners';
const COUNTS: { key: CountKey; label: string }[] = [
  { key: 'minCourses', label: '已发布课程数' },
  { key: 'minCategories', label: '覆盖类别数' },
  { key: 'minQuizCourses', label: '带测验的课程数' },
  { key: 'minLearners', label: '学员人数' },
];

interface LevelRow {
  /** For wx:key: rows are added and removed. */
  key: number;
  name: string;
  counts: { key: CountKey; label: string; value: string }[];
  rating: string;
  error: string;
}

let nextKey = 0;

const toRow = (level: AuthorLevelRule): LevelRow => ({
  key: (nextKey += 1),
  name: level.name,
  counts: COUNTS.map(({ key, label }) => ({ key, label, value: String(level[key]) })),
  rating: String(level.minAverageRating),
  error: '',
});

/** The row as the contract wants it, or the first problem in Chinese. */
function readRow(row: LevelRow): { level: AuthorLevelRule } | { error: string } {
  const name = row.name.trim();
  if (name === '' || name.length > AUTHOR_LIMITS.levelName) return { error: `等级名称须为 1 到 ${AUTHOR_LIMITS.levelName} 个字` };
  const level: AuthorLevelRule = { name, minCourses: 0, minCategories: 0, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 };
  for (const count of row.counts) {
    const read = readInteger(count.value, { label: count.label, min: 0, max: AUTHOR_LIMITS.count });
    if (!read.ok) return { error: read.error };
    level[count.key] = read.value as number;
  }
  const rating = readDecimal(row.rating, { label: '平均评分', min: 0, max: 5, decimals: 1 });
  if (!rating.ok) return { error: rating.error };
  level.minAverageRating = rating.value;
  return { level };
}

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { index?: number; key?: string }>;

function settingsView(settings: AuthorSettingsView) {
  return {
    rows: settings.levels.map(toRow),
    ratedAverage: String(settings.ratedCourse.minAverage),
    ratedCount: String(settings.ratedCourse.minRatings),
    ratedError: '',
    updated: settings.updatedAt ? `最近保存：${beijingDateTime(settings.updatedAt)}` : '当前为默认等级（黄带 / 蓝带 / 黑带），尚未保存过',
  };
}

defineLoadedPage({
  where: 'author-levels',
  data: {
    rows: [] as LevelRow[],
    maxLevels: AUTHOR_LIMITS.levels,
    maxName: AUTHOR_LIMITS.levelName,
    ratedAverage: '',
    ratedCount: '',
    ratedError: '',
    updated: '',
    ...initialSubmitState(),
  },
  fetch: getAuthorSettings,
  show: settingsView,
  methods: {
    onNameInput(event: RowEvent) {
      const { index } = event.currentTarget.dataset;
      if (index !== undefined) this.setData({ [`rows[${index}].name`]: event.detail.value, [`rows[${index}].error`]: '' });
    },
    onCountInput(event: RowEvent) {
      const { index, key } = event.currentTarget.dataset;
      const row = index === undefined ? undefined : this.data.rows[index];
      const at = row ? row.counts.findIndex((count) => count.key === key) : -1;
      if (row && at >= 0) this.setData({ [`rows[${index}].counts[${at}].value`]: event.detail.value, [`rows[${index}].error`]: '' });
    },
    onRatingInput(event: RowEvent) {
      const { index } = event.currentTarget.dataset;
      if (index !== undefined) this.setData({ [`rows[${index}].rating`]: event.detail.value, [`rows[${index}].error`]: '' });
    },
    onRatedAverageInput(event: RowEvent) {
      this.setData({ ratedAverage: event.detail.value, ratedError: '' });
    },
    onRatedCountInput(event: RowEvent) {
      this.setData({ ratedCount: event.detail.value, ratedError: '' });
    },
    onAddLevel() {
      const last = this.data.rows[this.data.rows.length - 1];
      if (!last || this.data.rows.length >= AUTHOR_LIMITS.levels) return;
      // The new rung starts from the one below (it may not ask less).
      const copy: LevelRow = { ...last, key: (nextKey += 1), name: '', counts: last.counts.map((count) => ({ ...count })), error: '' };
      this.setData({ rows: [...this.data.rows, copy] });
    },
    onRemoveLevel(event: RowEvent) {
      const { index } = event.currentTarget.dataset;
      if (index !== undefined && this.data.rows.length > 1) this.setData({ rows: this.data.rows.filter((_, at) => at !== index) });
    },
    async onSave() {
      const read = this.data.rows.map(readRow);
      const levels: AuthorLevelRule[] = [];
      read.forEach((result, index) => {
        if ('error' in result) this.setData({ [`rows[${index}].error`]: result.error });
        else levels.push(result.level);
      });
      const average = readDecimal(this.data.ratedAverage, { label: '好评平均分', min: 1, max: 5, decimals: 1 });
      const count = readInteger(this.data.ratedCount, { label: '最少评分人数', min: 1, max: 10_000 });
      if (!average.ok || !count.ok) this.setData({ ratedError: !average.ok ? average.error : !count.ok ? count.error : '' });
      if (levels.length !== read.length || !average.ok || !count.ok) return;
      const input = { levels, ratedCourse: { minAverage: average.value, minRatings: count.value as number } };
      await submitWithToast(this, () => setAuthorSettings(input), {
        where: 'author-levels',
        fallback: '保存失败，请稍后重试',
        success: '作者等级已保存',
        done: (settings) => this.setData(settingsView(settings)),
      });
    },
  },
});
