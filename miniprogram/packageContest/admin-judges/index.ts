/**
 * 评委 of one round (admins): the judge pool picked from members holding the judge role (searchable), judges
 * per entry (3–5), and the assignment: every submitted entry gets that many judges, never one of its own
 * department or members, loads spread evenly; the distribution per judge is shown after assigning.
 */
import { assignJudges, listJudgeCandidates, setJudges, type ContestAdmin, type JudgeAssignmentSummaryView, type JudgeCandidate } from '../../services/contest';
import { failureOf } from '../../utils/failure';
import { CONTEST_LIMITS } from '../../utils/limits';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { roundContest, roundOf } from '../shared/load';
import { datasetIndex, type DataEvent, type InputEvent } from '../../utils/events';
import { beijingDateTime } from '../../utils/time';

/** typings/functions/contest.ts JUDGES_PER_ENTRY. */
const JUDGES_PER_ENTRY = [3, 4, 5];
const MEMBER_PAGE_SIZE = 50;

interface Candidate {
  memberId: string;
  name: string;
  department: string;
  checked: boolean;
}

interface Distribution {
  summary: string;
  loads: { judgeId: string; name: string; entries: number }[];
}

function distributionOf(result: JudgeAssignmentSummaryView): Distribution {
  const counts = result.loads.map((load) => load.entries);
  const spread = counts.length > 0 ? `，每位评委 ${Math.min(...counts)}–${Math.max(...counts)} 件` : '';
  return {
    summary: `${result.entries} 件作品 × 每件 ${result.judgesPerEntry} 位评委，共 ${result.judges} 位评委${spread}`,
    loads: [...result.loads].sort((a, b) => b.entries - a.entries || (a.name < b.name ? -1 : 1)),
  };
}

function judgesFields(contest: ContestAdmin, roundId: string, candidates: readonly Candidate[]) {
  const { round } = roundOf(contest.rounds, roundId);
  const judges = contest.judges.find((candidate) => candidate.roundId === roundId);
  const pool = (judges?.judgeIds ?? []).map((memberId, index) => ({ memberId, name: judges?.judgeNames[index] ?? memberId }));
  return {
    roundName: `${contest.title} · ${round.name}`,
    entryCount: round.entryCount,
    assignedAt: judges?.assignedAt ? beijingDateTime(judges.assignedAt) : '',
    pool,
    perEntry: String(judges?.judgesPerEntry ?? JUDGES_PER_ENTRY[0]),
    candidates: candidates.map((candidate) => ({ ...candidate, checked: pool.some((judge) => judge.memberId === candidate.memberId) })),
    formError: '',
  };
}

defineLoadedPage({
  where: 'contest-judges',
  readQuery: (query) => ({ contestId: query.contestId ?? '', roundId: query.roundId ?? '' }),
  fetch() {
    return roundContest(this.data);
  },
  show(contest) {
    return judgesFields(contest, this.data.roundId, this.data.candidates);
  },
  data: {
    limits: CONTEST_LIMITS,
    contestId: '',
    roundId: '',
    roundName: '',
    entryCount: 0,
    assignedAt: '',
    /** The pool as chosen: id → name, in the order picked. */
    pool: [] as { memberId: string; name: string }[],
    /** components/picker-field options: judges per entry. */
    perEntryChoices: JUDGES_PER_ENTRY.map((n) => ({ value: String(n), label: `每件作品 ${n} 位评委` })),
    perEntry: String(JUDGES_PER_ENTRY[0]),
    keyword: '',
    candidates: [] as Candidate[],
    candidatesPage: 0,
    candidatesMore: false,
    candidatesError: '',
    distribution: null as Distribution | null,
    formError: '',
    ...initialSubmitState(),
  },
  methods: {
    show(contest: ContestAdmin) {
      this.setData(judgesFields(contest, this.data.roundId, this.data.candidates));
    },
    /** The candidates' first page once the round is on the page. */
    afterLoad() {
      return this.searchCandidates();
    },
    onKeyword(event: InputEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      return this.searchCandidates();
    },
    /** Members holding the judge role, one page at a time (first page again when `more` is false). */
    async searchCandidates(more = false) {
      const page = more ? this.data.candidatesPage + 1 : 1;
      const keyword = this.data.keyword.trim();
      try {
        const result = await listJudgeCandidates({ page, pageSize: MEMBER_PAGE_SIZE, keyword });
        const chosen = new Set(this.data.pool.map((judge) => judge.memberId));
        const found = result.items.map((member: JudgeCandidate) => ({
          memberId: member.memberId,
          name: member.name,
          department: member.departmentPath.join(' / '),
          checked: chosen.has(member.memberId),
        }));
        this.setData({
          candidates: more ? [...this.data.candidates, ...found] : found,
          candidatesPage: result.page,
          candidatesMore: result.hasMore,
          candidatesError: '',
        });
      } catch (error) {
        this.setData({ candidatesError: failureOf(error, 'contest-judges').message });
      }
    },
    onMoreCandidates() {
      return this.searchCandidates(true);
    },
    onToggleCandidate(event: DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const candidate = this.data.candidates[index];
      if (!candidate) return;
      const pool = candidate.checked
        ? this.data.pool.filter((judge) => judge.memberId !== candidate.memberId)
        : [...this.data.pool, { memberId: candidate.memberId, name: candidate.name }];
      this.setData({ [`candidates[${index}].checked`]: !candidate.checked, pool, formError: '' });
    },
    onPerEntry(event: InputEvent) {
      this.setData({ perEntry: event.detail.value, formError: '' });
    },
    async onSavePool() {
      if (this.data.submitting) return;
      const perEntry = JUDGES_PER_ENTRY.find((n) => String(n) === this.data.perEntry) ?? JUDGES_PER_ENTRY[0]!;
      if (this.data.pool.length < perEntry) {
        this.setData({ formError: `评委至少需要 ${perEntry} 位（每件作品 ${perEntry} 位评委）` });
        return;
      }
      this.setData({ formError: '' });
      const judgeIds = this.data.pool.map((judge) => judge.memberId);
      const outcome = await submitOnce(this, () => setJudges({ roundId: this.data.roundId, judgeIds, judgesPerEntry: perEntry }), {
        where: 'contest-judges',
        fallback: '保存失败，请稍后重试',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      this.show(outcome.value);
      toast('评委已保存');
    },
    async onAssign() {
      if (this.data.submitting) return;
      const again = this.data.assignedAt !== '';
      const confirmed = await confirmModal({
        title: again ? '重新分配评委' : '分配评委',
        content: again ? '重新分配会替换现有的分配（评审开始前可操作），确定继续？' : '将为已提交的作品分配评委，不会分给作品成员或其同部门的评委。',
        danger: again,
      });
      if (!confirmed) return;
      this.setData({ formError: '' });
      const outcome = await submitOnce(this, () => assignJudges(this.data.roundId), { where: 'contest-judges', fallback: '分配失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      this.setData({ distribution: distributionOf(outcome.value), assignedAt: beijingDateTime(new Date().toISOString()) });
      toast('评委已分配');
    },
  },
});
