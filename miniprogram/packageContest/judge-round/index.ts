/** One round of my judging: my assigned entries (not yet scored first) and my progress; a tap opens scoring. */
import { listJudgeAssignments, type JudgeAssignment } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { doneTheme, type TagTheme } from '../../utils/status-themes';
import type { DataEvent } from '../../utils/events';
import { scoreUrl } from '../shared/routes';

interface AssignmentRow {
  id: string;
  title: string;
  team: string;
  scored: boolean;
  stateTheme: TagTheme;
  score: string;
}

function toRow(assignment: JudgeAssignment): AssignmentRow {
  return {
    id: assignment.entryId,
    title: assignment.title,
    team: assignment.teamName ?? '',
    scored: assignment.scored,
    stateTheme: doneTheme(assignment.scored),
    score: assignment.weighted !== null ? `${assignment.weighted.toFixed(1)} 分` : '',
  };
}

definePagedListPage({
  data: { roundId: '', progress: '' },
  async fetchPage(page: number, pageSize: number) {
    const result = await listJudgeAssignments(this.data.roundId, page, pageSize);
    this.setData({ progress: `已评 ${result.scored} / ${result.assigned}` });
    return result;
  },
  toView: toRow,
  reloadOnShow: true,
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ roundId: query.roundId ?? '' });
      return this.reload();
    },
    onOpen(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: scoreUrl(this.data.roundId, id) });
    },
  },
});
