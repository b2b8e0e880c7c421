/**
 * 状态 of a contest (admins), the status job apart from the settings form: the status as a tag and the moves it
 * allows (发布, 撤回为草稿, 归档), each asked first, sent once (utils/submit-once.ts). Event: change
 * { contest } with the server's answer, for the page to show.
 */
import { setContestStatus, type ContestAdmin } from '../../../services/contest';
import { CONTEST_STATUS_LABELS } from '../../../utils/labels';
import { CONTEST_STATUS_THEMES } from '../../../utils/status-themes';
import { initialSubmitState, submitOnce } from '../../../utils/submit-once';
import { confirmModal, toast } from '../../../utils/ui';

type Status = ContestAdmin['status'];

const WORDS: Record<Status, { title: string; content: string; done: string }> = {
  published: { title: '发布大赛', content: '发布后全员可在“大赛”页看到本次大赛并报名。', done: CONTEST_STATUS_LABELS.published },
  archived: { title: '归档大赛', content: '归档后大赛不再出现在“大赛”页。', done: CONTEST_STATUS_LABELS.archived },
  draft: { title: '撤回为草稿', content: '撤回后员工将看不到本次大赛。', done: '已撤回为草稿' },
};

/** The moves from a status, in the order the buttons show them (the first is the main one). */
function movesFrom(status: Status): { to: Status; label: string; primary: boolean }[] {
  const moves: { to: Status; label: string }[] = [
    ...(status !== 'published' ? [{ to: 'published' as const, label: '发布' }] : [{ to: 'draft' as const, label: '撤回为草稿' }]),
    ...(status !== 'archived' ? [{ to: 'archived' as const, label: '归档' }] : []),
  ];
  return moves.map((move, index) => ({ ...move, primary: index === 0 && move.to === 'published' }));
}

Component({
  properties: {
    contestId: { type: String, value: '' },
    status: { type: String, value: 'draft' },
  },
  data: { label: '', theme: 'default', moves: [] as ReturnType<typeof movesFrom>, ...initialSubmitState() },
  observers: {
    status(status: Status) {
      this.setData({ label: CONTEST_STATUS_LABELS[status] ?? '', theme: CONTEST_STATUS_THEMES[status] ?? 'default', moves: movesFrom(status) });
    },
  },
  methods: {
    async onMove(event: WechatMiniprogram.BaseEvent<{}, { to?: Status }>) {
      const to = event.currentTarget.dataset.to;
      if (!to || this.data.submitting) return;
      const words = WORDS[to];
      if (!(await confirmModal({ title: words.title, content: words.content, danger: to !== 'published' }))) return;
      const outcome = await submitOnce(this, () => setContestStatus(this.data.contestId, to), { where: 'contest-status', fallback: '操作失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        toast(outcome.failure.message);
        return;
      }
      this.triggerEvent('change', { contest: outcome.value });
      toast(words.done);
    },
  },
});
