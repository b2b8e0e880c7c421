/**
 * 成绩发布 of one round (admins): the computed results as a preview (judges' average, normalised vote,
 * bonuses, final score, rank, who advances; quotas by headcount; scores still missing), then confirm and
 * publish, after which the results are read-only. On the final, the decided awards are shown and named awards
 * (指定奖项) are given by picking entries from the ranking.
 */
import { getAwards, getContestAdmin, getResults, giveAward, previewResults, publishResults, type ContestRound } from '../../services/contest';
import { failedLoad } from '../../utils/failure';
import { definePagedListPage } from '../../utils/paged-list';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { roundOf } from '../shared/load';
import type { DataEvent } from '../../utils/events';
import { toAwardLine, toResultLine, type AwardLine, type ResultLine } from '../shared/results-view';

interface QuotaLine {
  branchId: string;
  branchName: string;
  line: string;
}

definePagedListPage({
  data: {
    contestId: '',
    roundId: '',
    roundName: '',
    rubric: [] as ContestRound['rubric'],
    isFinal: false,
    published: false,
    loaded: false,
    unscored: 0,
    advancing: 0,
    quotas: [] as QuotaLine[],
    awards: [] as AwardLine[],
    namedAwards: [] as { id: string; name: string }[],
    /** Named awards not given yet: only these offer 颁发. */
    awardsToGive: [] as { id: string; name: string }[],
    /** The named award being given, and the entries picked for it. */
    naming: '',
    picked: [] as string[],
    formError: '',
    ...initialSubmitState(),
  },
  async fetchPage(page: number, pageSize: number) {
    const results = this.data.published ? await getResults(this.data.roundId, page, pageSize) : await previewResults(this.data.roundId, page, pageSize);
    this.setData({
      unscored: results.unscored,
      advancing: results.advancing,
      quotas: results.quotas.map((quota) => ({
        branchId: quota.branchId,
        branchName: quota.branchName,
        line: `${quota.headcount} 人 · 名额 ${quota.slots} · 晋级 ${quota.advancing}`,
      })),
    });
    return { ...results, items: results.items.map((row) => ({ ...toResultLine(row, this.data.rubric), picked: false })) };
  },
  toView: (line: ResultLine & { picked: boolean }) => line,
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ contestId: query.contestId ?? '', roundId: query.roundId ?? '' });
      return this.start();
    },
    async start() {
      try {
        const contest = await getContestAdmin(this.data.contestId);
        const { round, index } = roundOf(contest.rounds, this.data.roundId);
        const isFinal = index === contest.rounds.length - 1;
        this.setData({
          roundName: `${contest.title} · ${round.name}`,
          rubric: round.rubric,
          isFinal,
          published: round.resultsPublished,
          loaded: true,
          namedAwards: isFinal ? contest.awards.filter((award) => award.kind === 'named').map((award) => ({ id: award.id, name: award.name })) : [],
        });
        await this.loadAwards();
      } catch (error) {
        this.setData(failedLoad(error, 'contest-admin-results'));
        return;
      }
      await this.reload();
    },
    async loadAwards() {
      if (!this.data.isFinal || !this.data.published) return;
      const awards = (await getAwards(this.data.contestId)).map(toAwardLine);
      const given = new Set(awards.filter((award) => award.decided).map((award) => award.id));
      this.setData({ awards, awardsToGive: this.data.namedAwards.filter((award) => !given.has(award.id)) });
    },
    onRetry() {
      return this.data.loaded ? this.reload() : this.start();
    },
    async onPublish() {
      if (this.data.submitting || this.data.published) return;
      const confirmed = await confirmModal({
        title: '确认发布成绩',
        content: `发布后成绩不可修改，${this.data.advancing > 0 ? `${this.data.advancing} 件晋级作品将进入下一轮` : '决赛将评出奖项并发放奖励积分'}。`,
        confirmText: '发布',
      });
      if (!confirmed) return;
      const force = this.data.unscored > 0;
      if (
        force &&
        !(await confirmModal({
          title: '仍有评分未完成',
          content: `还有 ${this.data.unscored} 份评分未完成，未评的不计入平均分。确定强制发布？`,
          confirmText: '强制发布',
          danger: true,
        }))
      )
        return;
      this.setData({ formError: '' });
      const outcome = await submitOnce(this, () => publishResults(this.data.roundId, force, 1, 10), {
        where: 'contest-admin-results',
        fallback: '发布失败，请稍后重试',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      this.setData({ published: true });
      toast('成绩已发布');
      await this.loadAwards();
      await this.reloadWith({});
    },
    onStartNaming(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (!id) return;
      this.setData({ naming: id, picked: [], formError: '', items: this.data.items.map((item) => ({ ...item, picked: false })) });
    },
    onCancelNaming() {
      this.setData({ naming: '', picked: [], items: this.data.items.map((item) => ({ ...item, picked: false })) });
    },
    onPickRow(event: DataEvent<{ index?: number }>) {
      if (!this.data.naming) return;
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.items[index];
      if (!row) return;
      const picked = row.picked ? this.data.picked.filter((id) => id !== row.id) : [...this.data.picked, row.id];
      this.setData({ [`items[${index}].picked`]: !row.picked, picked });
    },
    async onGiveAward() {
      if (this.data.submitting || !this.data.naming) return;
      if (this.data.picked.length === 0) {
        this.setData({ formError: '请在排名中点选获奖作品' });
        return;
      }
      this.setData({ formError: '' });
      const award = { contestId: this.data.contestId, awardId: this.data.naming, entryIds: this.data.picked };
      const outcome = await submitOnce(this, () => giveAward(award), { where: 'contest-admin-results', fallback: '颁奖失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      toast('奖项已颁发');
      this.onCancelNaming();
      await this.loadAwards();
    },
  },
});
