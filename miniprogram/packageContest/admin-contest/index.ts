/**
 * 大赛设置 (admins): theme, rules, poster, eligibility (everyone, or departments and audiences), topics with
 * the pain-point flag, the branch level for quotas, and the awards (computed kinds or named). A new contest
 * starts with the survey's three rounds (shared/defaults.ts) from a chosen day; an existing one links to each
 * round's settings, judges, results and voting report, and is published or archived here.
 */
import type { Audience, ContestAwardKind } from '../../../typings/domain';
import { listDepartments } from '../../services/admin';
import { createContest, getContestAdmin, setContestStatus, updateContest, type ContestAdmin, type CreateContestInput } from '../../services/contest';
import { departmentOptions } from '../../utils/departments';
import { failedLoad, failureOf } from '../../utils/failure';
import { readInteger, readText, type FieldResult } from '../../utils/form';
import { AUDIENCE_LABELS, CONTEST_AWARD_KIND_LABELS, CONTEST_STATUS_LABELS, ROUND_PHASE_LABELS } from '../../utils/labels';
import { definePage } from '../../utils/page';
import { CONTEST_STATUS_THEMES, type TagTheme } from '../../utils/status-themes';
import type { ListStatus } from '../../utils/paged-list';
import { confirmModal, pickedIndex, toast } from '../../utils/ui';
import { DEFAULT_RUBRIC, defaultRounds } from '../shared/defaults';
import { typeInto, sendForm } from '../shared/load';
import { datasetIndex, type DataEvent, type InputEvent, type PickEvent, type SwitchEvent } from '../../utils/events';
import { chooseAndUploadPoster } from '../shared/poster';
import { adminAbuseUrl, adminJudgesUrl, adminResultsUrl, adminRoundUrl } from '../shared/routes';
import { pictureUrls } from '../../utils/pictures';
import { newRequestId } from '../../utils/request-id';
import { CONTEST_LIMITS } from '../../utils/limits';
import { beijingDateTime } from '../../utils/time';

type ContestFields = Omit<CreateContestInput, 'rounds' | 'requestId'>;

const AWARD_KINDS = (Object.keys(CONTEST_AWARD_KIND_LABELS) as ContestAwardKind[]).map((value) => ({ value, label: CONTEST_AWARD_KIND_LABELS[value] }));
const AUDIENCES = (Object.keys(AUDIENCE_LABELS) as Audience[]).map((value) => ({ value, label: AUDIENCE_LABELS[value] }));

interface Chip {
  value: string;
  label: string;
  checked: boolean;
}

interface TopicRow {
  id: string;
  title: string;
  description: string;
  painPoint: boolean;
}

interface AwardRow {
  id: string;
  kindIndex: number;
  name: string;
  dimensionIndex: number;
  winners: string;
  points: string;
}

interface RoundLink {
  id: string;
  name: string;
  phase: string;
  voting: boolean;
  published: boolean;
}

/** A fresh id the contract accepts (`[A-Za-z0-9_-]{1,32}`) that no row uses yet. */
function freshId(prefix: string, rows: readonly { id: string }[]): string {
  const taken = new Set(rows.map((row) => row.id));
  let n = rows.length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

const todayInBeijing = (): string => beijingDateTime(new Date().toISOString()).slice(0, 10);

definePage({
  data: {
    limits: CONTEST_LIMITS,
    /** Award points the earning rules' daily caps would cut (the server's messages). */
    pointsWarnings: [] as string[],
    status: 'loading' as ListStatus,
    message: '',
    contestId: '',
    contestStatus: '' as ContestAdmin['status'] | '',
    statusLabel: '',
    statusTheme: 'default' as TagTheme,
    title: '',
    theme: '',
    summary: '',
    rules: '',
    poster: null as string | null,
    posterUrl: '',
    startDay: '',
    branchDepth: '2',
    everyone: true,
    departments: [] as Chip[],
    audiences: AUDIENCES.map((audience) => ({ ...audience, checked: false })) as Chip[],
    topics: [] as TopicRow[],
    awards: [] as AwardRow[],
    awardKinds: AWARD_KINDS,
    dimensions: DEFAULT_RUBRIC.map((dimension) => ({ id: dimension.id, name: dimension.name })),
    rounds: [] as RoundLink[],
    errors: {} as Record<string, string>,
    formError: '',
    saving: false,
    requestId: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ contestId: query.contestId ?? '', requestId: newRequestId(), startDay: todayInBeijing() });
      return this.load();
    },
    onShow() {
      // Back from a round's settings: phases and counts may have changed.
      if (this.data.status === 'ready' && this.data.contestId) void this.load();
    },
    async load() {
      try {
        const departments = await listDepartments();
        const chips = departmentOptions(departments).map((option) => ({ value: option.id, label: option.label, checked: false }));
        if (!this.data.contestId) {
          this.setData({ status: 'ready', departments: chips });
          return;
        }
        const contest = await getContestAdmin(this.data.contestId);
        this.setData({ departments: chips });
        this.show(contest);
      } catch (error) {
        this.setData(failedLoad(error, 'contest-admin'));
      }
    },
    show(contest: ContestAdmin) {
      const final = contest.rounds[contest.rounds.length - 1];
      const dimensions = (final?.rubric ?? DEFAULT_RUBRIC).map((dimension) => ({ id: dimension.id, name: dimension.name }));
      const chosen = new Set(contest.eligibility.departmentIds);
      const audiences = new Set<string>(contest.eligibility.audiences);
      this.setData({
        status: 'ready',
        contestId: contest.id,
        contestStatus: contest.status,
        statusLabel: CONTEST_STATUS_LABELS[contest.status],
        // The server's figures: award points a daily cap of the earning rules would cut.
        pointsWarnings: contest.pointsWarnings.map((warning) => warning.message),
        statusTheme: CONTEST_STATUS_THEMES[contest.status],
        title: contest.title,
        theme: contest.theme,
        summary: contest.summary,
        rules: contest.rules,
        poster: contest.poster,
        posterUrl: contest.posterUrl ?? '',
        branchDepth: String(contest.branchDepth),
        everyone: contest.eligibility.everyone,
        departments: this.data.departments.map((chip) => ({ ...chip, checked: chosen.has(chip.value) })),
        audiences: this.data.audiences.map((chip) => ({ ...chip, checked: audiences.has(chip.value) })),
        topics: contest.topics.map((topic) => ({ ...topic })),
        dimensions,
        awards: contest.awards.map((award) => ({
          id: award.id,
          kindIndex: Math.max(
            0,
            AWARD_KINDS.findIndex((kind) => kind.value === award.kind),
          ),
          name: award.name,
          dimensionIndex: Math.max(
            0,
            dimensions.findIndex((dimension) => dimension.id === award.dimensionId),
          ),
          winners: String(award.winners),
          points: String(award.points),
        })),
        rounds: contest.rounds.map((round) => ({
          id: round.id,
          name: round.name,
          phase: ROUND_PHASE_LABELS[round.phase],
          voting: round.voting !== null,
          published: round.resultsPublished,
        })),
        errors: {},
        formError: '',
      });
    },
    onRetry() {
      return this.load();
    },
    onField(event: InputEvent & DataEvent<{ field?: string }>) {
      typeInto(this, event);
    },
    onStartDay(event: PickEvent) {
      this.setData({ startDay: String(event.detail.value) });
    },
    onEveryone(event: SwitchEvent) {
      this.setData({ everyone: event.detail.value, 'errors.eligibility': '' });
    },
    onToggleChip(event: DataEvent<{ list?: 'departments' | 'audiences'; index?: number }>) {
      const { list } = event.currentTarget.dataset;
      const index = datasetIndex(event.currentTarget.dataset.index);
      if (!list || !this.data[list][index]) return;
      this.setData({ [`${list}[${index}].checked`]: !this.data[list][index]!.checked, 'errors.eligibility': '' });
    },
    async onPoster() {
      try {
        const fileID = await chooseAndUploadPoster();
        if (!fileID) return;
        const urls = await pictureUrls([fileID]);
        this.setData({ poster: fileID, posterUrl: urls[fileID] ?? '' });
      } catch (error) {
        toast(failureOf(error, 'contest-admin', '海报上传失败，请稍后重试').message);
      }
    },
    onRemovePoster() {
      this.setData({ poster: null, posterUrl: '' });
    },
    onAddTopic() {
      this.setData({ topics: [...this.data.topics, { id: freshId('t', this.data.topics), title: '', description: '', painPoint: false }] });
    },
    onTopicField(event: InputEvent & DataEvent<{ index?: number; field?: 'title' | 'description' }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const field = event.currentTarget.dataset.field;
      if (index >= 0 && field) this.setData({ [`topics[${index}].${field}`]: event.detail.value, 'errors.topics': '' });
    },
    onTopicPainPoint(event: SwitchEvent & DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      if (index >= 0) this.setData({ [`topics[${index}].painPoint`]: event.detail.value });
    },
    onRemoveTopic(event: DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      this.setData({ topics: this.data.topics.filter((_, at) => at !== index) });
    },
    onAddAward() {
      this.setData({
        awards: [...this.data.awards, { id: freshId('a', this.data.awards), kindIndex: 0, name: '', dimensionIndex: 0, winners: '1', points: '0' }],
      });
    },
    onAwardField(event: InputEvent & DataEvent<{ index?: number; field?: 'name' | 'winners' | 'points' }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const field = event.currentTarget.dataset.field;
      if (index >= 0 && field) this.setData({ [`awards[${index}].${field}`]: event.detail.value, 'errors.awards': '' });
    },
    onAwardPick(event: PickEvent & DataEvent<{ index?: number; field?: 'kindIndex' | 'dimensionIndex' }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const field = event.currentTarget.dataset.field;
      if (index >= 0 && field) this.setData({ [`awards[${index}].${field}`]: pickedIndex(event) });
    },
    onRemoveAward(event: DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      this.setData({ awards: this.data.awards.filter((_, at) => at !== index) });
    },
    /** The contest's fields as typed, or null after marking what is wrong. */
    readFields(): ContestFields | null {
      const errors: Record<string, string> = {};
      const mark = <T>(key: string, result: FieldResult<T>): T | null => {
        if (result.ok) return result.value;
        errors[key] = result.error;
        return null;
      };
      const title = mark('title', readText(this.data.title, '大赛名称', 40, true));
      const theme = mark('theme', readText(this.data.theme, '大赛主题', 100, true));
      const summary = mark('summary', readText(this.data.summary, '简介', 500, false));
      const rules = mark('rules', readText(this.data.rules, '大赛规则', 10_000, false));
      const branchDepth = mark('branchDepth', readInteger(this.data.branchDepth, { label: '分公司所在的部门层级', min: 1, max: 10 }));
      const departmentIds = this.data.departments.filter((chip) => chip.checked).map((chip) => chip.value);
      const audiences = this.data.audiences.filter((chip) => chip.checked).map((chip) => chip.value as Audience);
      if (!this.data.everyone && departmentIds.length === 0 && audiences.length === 0) errors.eligibility = '请选择可参赛的部门或人群，或设为全员可参加';
      const topics: ContestFields['topics'] = [];
      for (const [index, row] of this.data.topics.entries()) {
        const topicTitle = readText(row.title, `第 ${index + 1} 个选题的名称`, 40, true);
        const description = readText(row.description, `第 ${index + 1} 个选题的说明`, 500, false);
        if (!topicTitle.ok) errors.topics ??= topicTitle.error;
        else if (!description.ok) errors.topics ??= description.error;
        else topics.push({ id: row.id, title: topicTitle.value, description: description.value, painPoint: row.painPoint });
      }
      const awards: ContestFields['awards'] = [];
      for (const [index, row] of this.data.awards.entries()) {
        const kind = AWARD_KINDS[row.kindIndex]?.value ?? 'named';
        const name = readText(row.name, `第 ${index + 1} 个奖项的名称`, 20, true);
        const winners = readInteger(row.winners, { label: `「${row.name.trim() || index + 1}」的获奖数`, min: 1, max: 50 });
        const points = readInteger(row.points, { label: `「${row.name.trim() || index + 1}」的奖励积分`, min: 0, max: 100_000 });
        const problem = !name.ok ? name.error : !winners.ok ? winners.error : !points.ok ? points.error : '';
        if (problem) errors.awards ??= problem;
        else if (name.ok && winners.ok && points.ok) {
          awards.push({
            id: row.id,
            kind,
            name: name.value,
            dimensionId: kind === 'best_dimension' ? (this.data.dimensions[row.dimensionIndex]?.id ?? null) : null,
            winners: kind === 'best_branch' ? 1 : (winners.value as number),
            points: points.value as number,
          });
        }
      }
      this.setData({ errors, formError: '' });
      if (Object.keys(errors).length > 0 || title === null || theme === null || summary === null || rules === null || branchDepth === null) return null;
      return {
        title,
        theme,
        summary,
        rules,
        poster: this.data.poster,
        eligibility: { everyone: this.data.everyone, departmentIds: this.data.everyone ? [] : departmentIds, audiences: this.data.everyone ? [] : audiences },
        topics,
        branchDepth,
        awards,
      };
    },
    onSave() {
      if (this.data.saving) return;
      const fields = this.readFields();
      if (!fields) {
        toast('请检查标红的输入');
        return;
      }
      const { contestId, startDay, requestId } = this.data;
      const send = () => (contestId ? updateContest({ contestId, ...fields }) : createContest({ ...fields, rounds: defaultRounds(startDay), requestId }));
      return sendForm(this, 'contest-admin', send, (saved) => this.show(saved), '大赛已保存');
    },
    async onStatus(event: DataEvent<{ to?: ContestAdmin['status'] }>) {
      const to = event.currentTarget.dataset.to;
      if (!to || this.data.saving) return;
      const words: Record<ContestAdmin['status'], { title: string; content: string }> = {
        published: { title: '发布大赛', content: '发布后全员可在“大赛”页看到本次大赛并报名。' },
        archived: { title: '归档大赛', content: '归档后大赛不再出现在“大赛”页。' },
        draft: { title: '撤回为草稿', content: '撤回后员工将看不到本次大赛。' },
      };
      if (!(await confirmModal({ ...words[to], danger: to !== 'published' }))) return;
      const done = to === 'draft' ? '已撤回为草稿' : CONTEST_STATUS_LABELS[to];
      await sendForm(
        this,
        'contest-admin',
        () => setContestStatus(this.data.contestId, to),
        (saved) => this.show(saved),
        done,
      );
    },
    onOpenRound(event: DataEvent<{ id?: string; to?: 'round' | 'judges' | 'results' | 'abuse' }>) {
      const { id, to } = event.currentTarget.dataset;
      if (!id || !to) return;
      const build = { round: adminRoundUrl, judges: adminJudgesUrl, results: adminResultsUrl, abuse: adminAbuseUrl }[to];
      wx.navigateTo({ url: build(this.data.contestId, id) });
    },
  },
});
