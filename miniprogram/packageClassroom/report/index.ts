/**
 * 线下课管理 (one session): its figures, the rotating attendance code, the attendance list (a page at a time),
 * the survey results (ratings averaged with their spread, open answers without names), the two Excel exports
 * (opened with wx.openDocument), editing and cancelling.
 */
import {
  cancelSession,
  exportAttendance,
  exportSurvey,
  getSession,
  listAttendees,
  surveyResults,
  type Attendee,
  type SessionEdit,
  type SurveyResults,
} from '../../services/classroom';
import { failedLoad, failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';
import { confirmModal } from '../../utils/ui';
import { beijingDateTime } from '../../utils/time';
import { openWorkbook } from '../../utils/workbook';

const PAGE_SIZE = 20;

interface AttendeeRow {
  memberId: string;
  name: string;
  department: string;
  attended: string;
  surveyed: boolean;
}

const toRow = (attendee: Attendee): AttendeeRow => ({
  memberId: attendee.memberId,
  name: attendee.name,
  department: attendee.departmentPath.join(' / '),
  attended: attendee.attendedAt ? `已签到 ${beijingDateTime(attendee.attendedAt)}` : '未签到',
  surveyed: attendee.surveyed,
});

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    id: '',
    session: null as SessionEdit | null,
    results: null as SurveyResults | null,
    attendees: [] as AttendeeRow[],
    page: 1,
    hasMore: false,
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    onShow() {
      if (this.data.status === 'ready') void this.load();
    },
    async load() {
      try {
        const [session, results, first] = await Promise.all([getSession(this.data.id), surveyResults(this.data.id), listAttendees(this.data.id, 1, PAGE_SIZE)]);
        this.setData({ status: 'ready', session, results, attendees: first.items.map(toRow), page: 1, hasMore: first.hasMore });
      } catch (error) {
        this.setData(failedLoad(error, 'classroom-report'));
      }
    },
    async onMoreAttendees() {
      try {
        const next = await listAttendees(this.data.id, this.data.page + 1, PAGE_SIZE);
        this.setData({ attendees: [...this.data.attendees, ...next.items.map(toRow)], page: this.data.page + 1, hasMore: next.hasMore });
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-report').message, icon: 'none' });
      }
    },
    onShowCode() {
      wx.navigateTo({ url: routeUrl('packageClassroom/code', { id: this.data.id }) });
    },
    onEdit() {
      wx.navigateTo({ url: routeUrl('packageClassroom/editor', { id: this.data.id }) });
    },
    async exportWith(make: (id: string) => Promise<{ url: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await openWorkbook((await make(this.data.id)).url);
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-export', '导出失败，请稍后重试').message, icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
    onExportAttendance() {
      void this.exportWith(exportAttendance);
    },
    onExportSurvey() {
      void this.exportWith(exportSurvey);
    },
    async onCancelSession() {
      if (!(await confirmModal({ title: '取消课程', content: '取消后学员将无法签到，确定取消吗？', danger: true }))) return;
      try {
        this.setData({ session: await cancelSession(this.data.id) });
        wx.showToast({ title: '已取消课程', icon: 'success' });
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-report').message, icon: 'none' });
      }
    },
  },
});
