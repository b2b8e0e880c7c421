/**
 * 大赛设置 (admins): theme, rules, poster, eligibility (everyone, or departments and audiences), topics with
 * the pain-point flag (components/contest-topics), the branch level for quotas, and the awards (computed kinds
 * or named, components/contest-awards). A new contest starts with the survey's three rounds (shared/defaults.ts)
 * from a chosen day; an existing one links to each round's settings, judges, results and voting report.
 * Publishing and archiving are their own job (components/status-actions).
 */
import type { Audience } from '../../../typings/domain';
import type { AwardRow } from '../components/contest-awards/index';
import type { TopicRow } from '../components/contest-topics/index';
import { listDepartments } from '../../services/admin';
import { createContest, getContestAdmin, updateContest, type ContestAdmin, type CreateContestInput } from '../../services/contest';
import type { PickedPicture } from '../../components/picture-picker/index';
import { departmentOptions } from '../../utils/departments';
import { readInteger, readText, type FieldResult } from '../../utils/form';
import { AUDIENCE_LABELS, ROUND_PHASE_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, renewRequest } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { DEFAULT_RUBRIC, defaultRounds } from '../shared/defaults';
import { typeInto, sendForm } from '../shared/load';
import type { DataEvent, InputEvent } from '../../utils/events';
import { adminAbuseUrl, adminJudgesUrl, adminResultsUrl, adminRoundUrl } from '../shared/routes';
import { pictureUrls } from '../../utils/pictures';
import { CONTEST_LIMITS } from '../../utils/limits';
import { beijingDateTime } from '../../utils/time';

type ContestFields = Omit<CreateContestInput, 'rounds' | 'requestId'>;

const AUDIENCES = (Object.keys(AUDIENCE_LABELS) as Audience[]).map((value) => ({ value, label: AUDIENCE_LABELS[value] }));

interface Option {
  value: string;
  label: string;
}

interface RoundLink {
  id: string;
  name: string;
  phase: string;
  voting: boolean;
  published: boolean;
}

const todayInBeijing = (): string => beijingDateTime(new Date().toISOString()).slice(0, 10);

/** The contest as the form shows it; the poster's temporary URL is fetched by the caller. */
function contestFields(contest: ContestAdmin) {
  const final = contest.rounds[contest.rounds.length - 1];
  const dimensions = (final?.rubric ?? DEFAULT_RUBRIC).map((dimension) => ({ value: dimension.id, label: dimension.name }));
  return {
    contestId: contest.id,
    contestStatus: contest.status,
    // The server's figures: award points a daily cap of the earning rules would cut.
    pointsWarnings: contest.pointsWarnings.map((warning) => warning.message),
    title: contest.title,
    theme: contest.theme,
    summary: contest.summary,
    rules: contest.rules,
    poster: contest.poster ? [{ fileID: contest.poster, url: contest.posterUrl ?? '' }] : [],
    branchDepth: String(contest.branchDepth),
    everyone: contest.eligibility.everyone,
    departmentIds: contest.eligibility.departmentIds,
    audienceIds: contest.eligibility.audiences as string[],
    topics: contest.topics.map((topic) => ({ ...topic })),
    dimensions,
    awards: contest.awards.map((award) => ({
      id: award.id,
      kind: award.kind,
      name: award.name,
      dimensionId: award.dimensionId ?? dimensions[0]?.value ?? '',
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
    errors: {} as Record<string, string>,
    formError: '',
  };
}

defineLoadedPage({
  where: 'contest-admin',
  readQuery: (query) => ({ contestId: query.contestId ?? '', startDay: todayInBeijing() }),
  async fetch() {
    const [departments, contest] = await Promise.all([listDepartments(), this.data.contestId ? getContestAdmin(this.data.contestId) : Promise.resolve(null)]);
    return { departments, contest };
  },
  show({ departments, contest }) {
    return {
      departments: departmentOptions(departments).map((option) => ({ value: option.id, label: option.label })),
      ...(contest ? contestFields(contest) : {}),
    };
  },
  data: {
    limits: CONTEST_LIMITS,
    /** Award points the earning rules' daily caps would cut (the server's messages). */
    pointsWarnings: [] as string[],
    contestId: '',
    contestStatus: 'draft' as ContestAdmin['status'],
    title: '',
    theme: '',
    summary: '',
    rules: '',
    /** components/picture-picker: the poster, at most one. */
    poster: [] as PickedPicture[],
    posterBusy: false,
    startDay: '',
    branchDepth: '2',
    everyone: true,
    departments: [] as Option[],
    departmentIds: [] as string[],
    audiences: AUDIENCES as Option[],
    audienceIds: [] as string[],
    topics: [] as TopicRow[],
    awards: [] as AwardRow[],
    dimensions: DEFAULT_RUBRIC.map((dimension) => ({ value: dimension.id, label: dimension.name })) as Option[],
    rounds: [] as RoundLink[],
    errors: {} as Record<string, string>,
    formError: '',
    ...initialSubmitState(),
  },
  methods: {
    onShow() {
      // Back from a round's settings: phases and counts may have changed.
      if (this.data.status === 'ready' && this.data.contestId) void this.load();
    },
    /** The server's answer (a save, a status move) on the form; a poster without its URL gets one. */
    async showContest(contest: ContestAdmin) {
      this.setData(contestFields(contest));
      if (contest.poster && !contest.posterUrl) {
        const urls = await pictureUrls([contest.poster]);
        this.setData({ poster: [{ fileID: contest.poster, url: urls[contest.poster] ?? '' }] });
      }
    },
    onStatusChange(event: WechatMiniprogram.CustomEvent<{ contest: ContestAdmin }>) {
      return this.showContest(event.detail.contest);
    },
    onField(event: InputEvent & DataEvent<{ field?: string }>) {
      typeInto(this, event);
    },
    onEveryone(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ everyone: event.detail.value, 'errors.eligibility': '' });
      renewRequest(this);
    },
    /** components/chips (multiple) of departments or audiences. */
    onChips(event: WechatMiniprogram.CustomEvent<{ values: string[] }, {}, { field?: 'departmentIds' | 'audienceIds' }>) {
      const field = event.currentTarget.dataset.field;
      if (!field) return;
      this.setData({ [field]: event.detail.values, 'errors.eligibility': '' });
      renewRequest(this);
    },
    onPoster(event: WechatMiniprogram.CustomEvent<{ pictures: PickedPicture[] }>) {
      this.setData({ poster: event.detail.pictures.slice(0, 1) });
      renewRequest(this);
    },
    onPosterBusy(event: WechatMiniprogram.CustomEvent<{ uploading: boolean }>) {
      this.setData({ posterBusy: event.detail.uploading });
    },
    onPosterError(event: WechatMiniprogram.CustomEvent<{ message: string }>) {
      toast(event.detail.message);
    },
    /** components/contest-topics: the whole list after an edit. */
    onTopics(event: WechatMiniprogram.CustomEvent<{ topics: TopicRow[] }>) {
      this.setData({ topics: event.detail.topics, 'errors.topics': '' });
    },
    /** components/contest-awards: the whole list after an edit. */
    onAwards(event: WechatMiniprogram.CustomEvent<{ awards: AwardRow[] }>) {
      this.setData({ awards: event.detail.awards, 'errors.awards': '' });
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
      const departmentIds = this.data.departmentIds;
      const audiences = this.data.audienceIds as Audience[];
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
        const kind = row.kind;
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
            dimensionId: kind === 'best_dimension' ? row.dimensionId || null : null,
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
        poster: this.data.poster[0]?.fileID ?? null,
        eligibility: { everyone: this.data.everyone, departmentIds: this.data.everyone ? [] : departmentIds, audiences: this.data.everyone ? [] : audiences },
        topics,
        branchDepth,
        awards,
      };
    },
    onSave() {
      if (this.data.submitting || this.data.posterBusy) return;
      const fields = this.readFields();
      if (!fields) {
        toast('请检查标红的输入');
        return;
      }
      const { contestId, startDay } = this.data;
      const send = (requestId: string) =>
        contestId ? updateContest({ contestId, ...fields }) : createContest({ ...fields, rounds: defaultRounds(startDay), requestId });
      // A creation keeps its request id until the server accepts it, so a retry cannot make two contests.
      return sendForm(this, 'contest-admin', send, (saved) => void this.showContest(saved), '大赛已保存', !contestId);
    },
    onOpenRound(event: DataEvent<{ id?: string; to?: 'round' | 'judges' | 'results' | 'abuse' }>) {
      const { id, to } = event.currentTarget.dataset;
      if (!id || !to) return;
      const build = { round: adminRoundUrl, judges: adminJudgesUrl, results: adminResultsUrl, abuse: adminAbuseUrl }[to];
      wx.navigateTo({ url: build(this.data.contestId, id) });
    },
  },
});
