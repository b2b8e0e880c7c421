/**
 * 投票异常 of one round (admins): burst voters (recently bound ones flagged), departments whose voting jumped,
 * networks shared by many voters, and what the platform tells about devices. A burst or a network opens its
 * ballots; chosen ballots are voided with a reason (required), which takes their votes off the counts and
 * leaves a trace (who, when, why). One request id per void intent, kept when the answer never came.
 */
import { getVoteAbuseReport, listBallots, voidVotes, type Ballot, type BallotQuery, type VoteAbuseReport } from '../../services/contest';
import { failureOf } from '../../utils/failure';
import { readText } from '../../utils/form';
import { defineLoadedPage } from '../../utils/loaded-page';
import { confirmModal, toast } from '../../utils/ui';
import { datasetIndex, type DataEvent, type InputEvent } from '../../utils/events';
import { initialSubmitState, renewRequest, submitOnce } from '../../utils/submit-once';
import { CONTEST_LIMITS } from '../../utils/limits';
import { beijingDateTime } from '../../utils/time';

const BALLOT_PAGE_SIZE = 50;

interface BallotRow {
  id: string;
  line: string;
  meta: string;
  voided: boolean;
  voidNote: string;
  checked: boolean;
}

function toBallotRow(ballot: Ballot): BallotRow {
  return {
    id: ballot.id,
    line: `${ballot.voterName} → ${ballot.entryTitle}`,
    meta: `${beijingDateTime(ballot.castAt)}${ballot.clientIp ? ` · ${ballot.clientIp}` : ''} · ${ballot.voterDepartmentPath.join(' / ')}`,
    voided: ballot.voided,
    voidNote: ballot.voided
      ? `已作废：${ballot.voidReason ?? ''}（${ballot.voidedByName ?? ''} ${ballot.voidedAt ? beijingDateTime(ballot.voidedAt) : ''}）`
      : '',
    checked: false,
  };
}

type Filter = Omit<BallotQuery, 'roundId' | 'page' | 'pageSize'>;

function reportView(report: VoteAbuseReport) {
  return {
    bursts: report.bursts.map((row) => ({
      key: `${row.memberId}:${row.day}`,
      memberId: row.memberId,
      day: row.day,
      name: row.name,
      line: `${row.departmentPath.join(' / ')} · ${row.day} 共 ${row.votes} 票，最密集时段 ${row.maxInWindow} 票`,
      recent: row.boundRecently,
    })),
    jumps: report.departmentJumps.map((row) => ({
      key: `${row.departmentId}:${row.day}`,
      name: row.departmentPath.join(' / '),
      line: `${row.day} ${row.votes} 票 / ${row.voters} 人投票 / 部门 ${row.headcount} 人 · ${row.ratio.toFixed(1)} 倍${row.previousAverage !== null ? `（此前日均 ${row.previousAverage.toFixed(1)}）` : ''}`,
    })),
    networks: report.sharedNetworks.map((row) => ({ network: row.network, line: `${row.voters} 人 · ${row.votes} 票` })),
    devicesNote: report.devicesNote,
    generatedAt: beijingDateTime(report.generatedAt),
  };
}

defineLoadedPage({
  where: 'contest-abuse',
  readQuery: (query) => ({ roundId: query.roundId ?? '' }),
  fetch() {
    return getVoteAbuseReport(this.data.roundId);
  },
  show: (report) => ({ report: reportView(report) }),
  data: {
    limits: CONTEST_LIMITS,
    roundId: '',
    report: null as ReturnType<typeof reportView> | null,
    filter: null as Filter | null,
    filterLabel: '',
    ballots: [] as BallotRow[],
    ballotsPage: 0,
    ballotsMore: false,
    ballotsError: '',
    reason: '',
    voidError: '',
    ...initialSubmitState(),
  },
  methods: {
    onBurst(event: DataEvent<{ index?: number }>) {
      const row = this.data.report?.bursts[datasetIndex(event.currentTarget.dataset.index)];
      if (row) return this.openBallots({ voterId: row.memberId, day: row.day }, `${row.name} 在 ${row.day} 的选票`);
    },
    onNetwork(event: DataEvent<{ index?: number }>) {
      const row = this.data.report?.networks[datasetIndex(event.currentTarget.dataset.index)];
      if (row) return this.openBallots({ network: row.network }, `网络 ${row.network} 的选票`);
    },
    async openBallots(filter: Filter, label: string) {
      this.setData({ filter, filterLabel: label, ballots: [], ballotsPage: 0, ballotsMore: false, voidError: '' });
      renewRequest(this);
      await this.loadBallots(false);
    },
    async loadBallots(more: boolean) {
      const filter = this.data.filter;
      if (!filter) return;
      try {
        const page = await listBallots({ roundId: this.data.roundId, ...filter, page: more ? this.data.ballotsPage + 1 : 1, pageSize: BALLOT_PAGE_SIZE });
        const rows = page.items.map(toBallotRow);
        this.setData({ ballots: more ? [...this.data.ballots, ...rows] : rows, ballotsPage: page.page, ballotsMore: page.hasMore, ballotsError: '' });
      } catch (error) {
        this.setData({ ballotsError: failureOf(error, 'contest-abuse').message });
      }
    },
    onMoreBallots() {
      return this.loadBallots(true);
    },
    onCloseBallots() {
      this.setData({ filter: null, filterLabel: '', ballots: [], reason: '', voidError: '' });
    },
    onToggleBallot(event: DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const row = this.data.ballots[index];
      if (!row || row.voided) return;
      this.setData({ [`ballots[${index}].checked`]: !row.checked, voidError: '' });
      renewRequest(this);
    },
    onSelectAll() {
      this.setData({ ballots: this.data.ballots.map((row) => ({ ...row, checked: !row.voided })), voidError: '' });
      renewRequest(this);
    },
    onReason(event: InputEvent) {
      this.setData({ reason: event.detail.value, voidError: '' });
    },
    async onVoid() {
      if (this.data.submitting) return;
      const ids = this.data.ballots.filter((row) => row.checked).map((row) => row.id);
      if (ids.length === 0) {
        this.setData({ voidError: '请先勾选要作废的选票' });
        return;
      }
      const reason = readText(this.data.reason, '作废原因', 200, true);
      if (!reason.ok || reason.value.length < 2) {
        this.setData({ voidError: reason.ok ? '作废原因至少 2 个字' : reason.error });
        return;
      }
      if (
        !(await confirmModal({
          title: '作废选票',
          content: `将作废 ${ids.length} 张选票，作品票数随之减少，操作会被记录。`,
          confirmText: '作废',
          danger: true,
        }))
      )
        return;
      this.setData({ voidError: '' });
      // Lost on the way, the void may have happened: submitOnce sends the retry with the same request id.
      const outcome = await submitOnce(this, (requestId) => voidVotes({ ballotIds: ids, reason: reason.value, requestId }), {
        where: 'contest-abuse',
        fallback: '作废失败，请稍后重试',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ voidError: outcome.failure.message });
        return;
      }
      const result = outcome.value;
      this.setData({ reason: '' });
      toast(`已作废 ${result.voided} 票${result.alreadyVoided > 0 ? `，${result.alreadyVoided} 票此前已作废` : ''}`);
      await this.loadBallots(false);
      await this.load();
    },
  },
});
