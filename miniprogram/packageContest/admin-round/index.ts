/**
 * 赛制与评分 of one round (admins): the submission and judging windows, the optional public vote (window in
 * Beijing days, per-entry or total quota, own entry allowed), the course formats required and the pitch
 * video, how entries advance, the weights of judges and votes (adding up to 100), the bonuses, and the rubric
 * (dimensions with weights and score ranges). Checked here before sending; the function checks again and
 * refuses a rubric change once judging has started.
 */
import type { CourseFormat } from '../../../typings/domain';
import { updateRound, type ContestAdmin, type ContestRound, type UpdateRoundInput } from '../../services/contest';
import { readDecimal, readInteger, readText } from '../../utils/form';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { roundContest, roundOf, sendForm, typeInto } from '../shared/load';
import { datasetIndex, type DataEvent, type InputEvent } from '../../utils/events';
import { CONTEST_LIMITS } from '../../utils/limits';

const ADVANCEMENT_KINDS = [
  { value: 'top', label: '总分前 N 名晋级' },
  { value: 'quota', label: '按分公司人数分配名额' },
  { value: 'none', label: '不晋级（决赛）' },
];

const VOTING_MODES = [
  { value: 'per_entry', label: '每件作品每天可投' },
  { value: 'total', label: '每天共可投' },
];

type AdvancementKind = NonNullable<UpdateRoundInput['advancement']>['kind'];
type VotingMode = NonNullable<UpdateRoundInput['voting']>['mode'];

const FORMATS = (Object.keys(COURSE_FORMAT_LABELS) as CourseFormat[]).map((value) => ({ value, label: COURSE_FORMAT_LABELS[value] }));

/** typings/functions/contest.ts bounds. */
const MAX_DIMENSIONS = CONTEST_LIMITS.dimensions;

interface DimensionRow {
  id: string;
  name: string;
  weight: string;
  min: string;
  max: string;
}

function freshDimensionId(rows: readonly { id: string }[]): string {
  const taken = new Set(rows.map((row) => row.id));
  let n = rows.length + 1;
  while (taken.has(`d${n}`)) n += 1;
  return `d${n}`;
}

/** The round as the form shows it (text fields as typed). */
function roundFields(round: ContestRound) {
  const advancement = round.advancement;
  const chosen = new Set<string>(round.formats);
  return {
    name: round.name,
    submissionStartDay: round.submissionStartDay,
    submissionEndDay: round.submissionEndDay,
    judgingStartDay: round.judgingStartDay,
    judgingEndDay: round.judgingEndDay,
    votingOn: round.voting !== null,
    votingStartDay: round.voting?.startDay ?? round.judgingStartDay,
    votingEndDay: round.voting?.endDay ?? round.judgingEndDay,
    votingMode: (round.voting?.mode ?? 'per_entry') as VotingMode,
    perDay: String(round.voting?.perDay ?? 1),
    ownEntryAllowed: round.voting?.ownEntryAllowed ?? false,
    formats: FORMATS.map((format) => ({ ...format, checked: chosen.has(format.value) })),
    selectedFormats: round.formats as string[],
    pitchVideoRequired: round.pitchVideoRequired,
    advancementKind: advancement.kind,
    advancementCount: advancement.kind === 'top' ? String(advancement.count) : advancement.kind === 'quota' ? String(advancement.total) : '',
    judgesWeight: String(round.weights.judges),
    votesWeight: String(round.weights.votes),
    seriesBonus: String(round.bonuses.series),
    painPointBonus: String(round.bonuses.painPointTopic),
    dimensions: round.rubric.map((dimension) => ({
      id: dimension.id,
      name: dimension.name,
      weight: String(dimension.weight),
      min: String(dimension.min),
      max: String(dimension.max),
    })) as DimensionRow[],
    errors: {} as Record<string, string>,
    formError: '',
  };
}

const showRound = (contest: ContestAdmin, roundId: string) => roundFields(roundOf(contest.rounds, roundId).round);

defineLoadedPage({
  where: 'contest-round',
  readQuery: (query) => ({ contestId: query.contestId ?? '', roundId: query.roundId ?? '' }),
  fetch() {
    return roundContest(this.data);
  },
  show(contest) {
    return showRound(contest, this.data.roundId);
  },
  data: {
    limits: CONTEST_LIMITS,
    contestId: '',
    roundId: '',
    name: '',
    submissionStartDay: '',
    submissionEndDay: '',
    judgingStartDay: '',
    judgingEndDay: '',
    votingOn: false,
    votingStartDay: '',
    votingEndDay: '',
    votingMode: 'per_entry' as VotingMode,
    perDay: '1',
    ownEntryAllowed: false,
    formats: FORMATS.map((format) => ({ ...format, checked: false })),
    selectedFormats: [] as string[],
    pitchVideoRequired: false,
    advancementKind: 'top' as AdvancementKind,
    advancementCount: '',
    judgesWeight: '100',
    votesWeight: '0',
    seriesBonus: '0',
    painPointBonus: '0',
    dimensions: [] as DimensionRow[],
    errors: {} as Record<string, string>,
    formError: '',
    votingModes: VOTING_MODES,
    advancementKinds: ADVANCEMENT_KINDS,
    maxDimensions: MAX_DIMENSIONS,
    ...initialSubmitState(),
  },
  methods: {
    onField(event: InputEvent & DataEvent<{ field?: string }>) {
      typeInto(this, event);
    },
    /** A window's day (picker-field mode="day"): the order of the windows is checked again. */
    onDay(event: InputEvent & DataEvent<{ field?: string }>) {
      typeInto(this, event);
      this.setData({ 'errors.days': '', 'errors.voting': '' });
    },
    /** A t-switch or a picker-field by its data-field. */
    onPick(event: InputEvent & DataEvent<{ field?: string }>) {
      typeInto(this, event);
      this.setData({ 'errors.advancement': '' });
    },
    /** components/chips: every format chosen. */
    onFormats(event: WechatMiniprogram.CustomEvent<{ values: string[] }>) {
      const chosen = new Set(event.detail.values);
      this.setData({ selectedFormats: event.detail.values, formats: this.data.formats.map((format) => ({ ...format, checked: chosen.has(format.value) })) });
    },
    onDimension(event: InputEvent & DataEvent<{ index?: number; field?: keyof DimensionRow }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const field = event.currentTarget.dataset.field;
      if (index >= 0 && field) this.setData({ [`dimensions[${index}].${field}`]: event.detail.value, 'errors.rubric': '' });
    },
    onAddDimension() {
      if (this.data.dimensions.length >= MAX_DIMENSIONS) return;
      this.setData({ dimensions: [...this.data.dimensions, { id: freshDimensionId(this.data.dimensions), name: '', weight: '', min: '0', max: '10' }] });
    },
    onRemoveDimension(event: DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      if (this.data.dimensions.length <= 1) {
        this.setData({ 'errors.rubric': '至少保留一个评分维度' });
        return;
      }
      this.setData({ dimensions: this.data.dimensions.filter((_, at) => at !== index) });
    },
    /** The round as typed, or null after marking what is wrong. */
    readRound(): UpdateRoundInput | null {
      const d = this.data;
      const errors: Record<string, string> = {};
      const name = readText(d.name, '轮次名称', 20, true);
      if (!name.ok) errors.name = name.error;
      if (!(d.submissionStartDay <= d.submissionEndDay && d.submissionEndDay < d.judgingStartDay && d.judgingStartDay <= d.judgingEndDay)) {
        errors.days = '时间须依次为：提交开始 ≤ 提交截止 < 评审开始 ≤ 评审截止';
      }
      const perDay = readInteger(d.perDay, { label: '每天票数', min: 1, max: 100 });
      if (d.votingOn && !(d.submissionEndDay < d.votingStartDay && d.votingStartDay <= d.votingEndDay))
        errors.voting = '投票须在作品提交截止之后开始，且开始不晚于结束';
      else if (d.votingOn && !perDay.ok) errors.voting = perDay.error;
      const kind = d.advancementKind;
      const count = readInteger(d.advancementCount, { label: kind === 'top' ? '晋级名额' : '名额总数', min: 1, max: 10_000 });
      if (kind !== 'none' && !count.ok) errors.advancement = count.error;
      const judges = readInteger(d.judgesWeight, { label: '专家评分权重', min: 0, max: 100 });
      const votes = readInteger(d.votesWeight, { label: '大众投票权重', min: 0, max: 100 });
      if (!judges.ok || !votes.ok) errors.weights = !judges.ok ? judges.error : !votes.ok ? votes.error : '';
      else if ((judges.value as number) + (votes.value as number) !== 100) errors.weights = '专家评分与大众投票的权重之和须为 100';
      else if (!d.votingOn && (votes.value as number) > 0) errors.weights = '本轮不设大众投票，投票权重须为 0';
      const series = readDecimal(d.seriesBonus, { label: '系列课加分', min: 0, max: 100, decimals: 1 });
      const painPoint = readDecimal(d.painPointBonus, { label: '痛点选题加分', min: 0, max: 100, decimals: 1 });
      if (!series.ok || !painPoint.ok) errors.bonuses = !series.ok ? series.error : !painPoint.ok ? painPoint.error : '';
      const rubric: NonNullable<UpdateRoundInput['rubric']> = [];
      const names = new Set<string>();
      for (const [index, row] of d.dimensions.entries()) {
        const dimensionName = readText(row.name, `第 ${index + 1} 个维度的名称`, 20, true);
        const label = dimensionName.ok ? `「${dimensionName.value}」` : `第 ${index + 1} 个维度`;
        const weight = readInteger(row.weight, { label: `${label}的权重`, min: 1, max: 100 });
        const min = readInteger(row.min, { label: `${label}的最低分`, min: 0, max: 1000 });
        const max = readInteger(row.max, { label: `${label}的最高分`, min: 1, max: 1000 });
        const problem = !dimensionName.ok
          ? dimensionName.error
          : !weight.ok
            ? weight.error
            : !min.ok
              ? min.error
              : !max.ok
                ? max.error
                : (max.value as number) <= (min.value as number)
                  ? `${label}的最高分须大于最低分`
                  : names.has(dimensionName.value)
                    ? `评分维度${label}重复了`
                    : '';
        if (dimensionName.ok) names.add(dimensionName.value);
        if (problem) errors.rubric ??= problem;
        else if (dimensionName.ok && weight.ok && min.ok && max.ok) {
          rubric.push({ id: row.id, name: dimensionName.value, weight: weight.value as number, min: min.value as number, max: max.value as number });
        }
      }
      this.setData({ errors, formError: '' });
      if (Object.keys(errors).length > 0 || !name.ok || !judges.ok || !votes.ok || !series.ok || !painPoint.ok) return null;
      return {
        roundId: d.roundId,
        name: name.value,
        submissionStartDay: d.submissionStartDay,
        submissionEndDay: d.submissionEndDay,
        judgingStartDay: d.judgingStartDay,
        judgingEndDay: d.judgingEndDay,
        voting: d.votingOn
          ? {
              startDay: d.votingStartDay,
              endDay: d.votingEndDay,
              mode: d.votingMode,
              perDay: perDay.ok ? (perDay.value as number) : 1,
              ownEntryAllowed: d.ownEntryAllowed,
            }
          : null,
        formats: d.formats.filter((format) => format.checked).map((format) => format.value),
        pitchVideoRequired: d.pitchVideoRequired,
        advancement:
          !count.ok || kind === 'none' ? { kind: 'none' } : kind === 'top' ? { kind, count: count.value as number } : { kind, total: count.value as number },
        weights: { judges: judges.value as number, votes: votes.value as number },
        bonuses: { series: series.value, painPointTopic: painPoint.value },
        rubric,
      };
    },
    onSave() {
      if (this.data.submitting) return;
      const round = this.readRound();
      if (!round) {
        toast('请检查标红的输入');
        return;
      }
      return sendForm(
        this,
        'contest-round',
        () => updateRound(round),
        (saved) => this.setData(showRound(saved, this.data.roundId)),
        '本轮设置已保存',
      );
    },
  },
});
