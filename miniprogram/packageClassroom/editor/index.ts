/**
 * 编辑线下课: title, introduction, place, day and time, seats, and whether it carries the standard evaluation
 * survey, and its take-away files (课后资料: picked from a chat with wx.chooseMessageFile, uploaded to the
 * trainer's own `classroom-file` folder, saved with the session). Creating sends a request id made once per
 * visit, so a retried save creates one session. What this form does not edit (audience departments, linked
 * courses) is sent back as it was; a new session is open to the trainer's own scope. The server checks
 * everything again (a file must be the saver's own upload) and says what is wrong.
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 */
import { getSession, saveSession, type SessionEdit, type SessionSave } from '../../services/classroom';
import { failedLoad, failureOf } from '../../utils/failure';
import { CLASSROOM_LIMITS } from '../../utils/limits';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { newRequestId } from '../../utils/request-id';
import { uploadOwnFile } from '../../services/uploads';
import { documentTypeOf, DOCUMENT_TYPES } from '../../utils/workbook';
import { routeUrl } from '../../utils/routes';
import { beijingDay } from '../../utils/time';

/** The standard evaluation survey (课后评估). */
export const STANDARD_SURVEY: SessionSave['survey'] = [
  { id: 'q1', kind: 'rating', prompt: '课程内容对工作有帮助' },
  { id: 'q2', kind: 'rating', prompt: '讲师讲解清楚、互动充分' },
  { id: 'q3', kind: 'open', prompt: '最大的收获或改进建议' },
];

interface Form {
  title: string;
  summary: string;
  place: string;
  day: string;
  startTime: string;
  endTime: string;
  capacity: string;
  withSurvey: boolean;
}

type TakeawayFile = SessionEdit['files'][number];

/** One file from a chat, or null when the trainer cancels (not an error). `type: 'file'` is what `extension` filters. */
function chooseDocument(): Promise<WechatMiniprogram.ChooseFile | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: [...DOCUMENT_TYPES],
      success: (res) => resolve(res.tempFiles[0] ?? null),
      fail: () => resolve(null),
    });
  });
}

type FieldEvent = WechatMiniprogram.CustomEvent<{ value?: string }, {}, { path?: string }>;
type SwitchEvent = WechatMiniprogram.CustomEvent<{ value?: boolean }>;

definePage({
  data: {
    status: 'ready' as ListStatus,
    message: '',
    limits: CLASSROOM_LIMITS,
    id: '',
    requestId: '',
    form: { title: '', summary: '', place: '', day: beijingDay(Date.now(), 7), startTime: '14:00', endTime: '16:00', capacity: '30', withSurvey: true } as Form,
    kept: null as SessionEdit | null,
    files: [] as TakeawayFile[],
    uploading: false,
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ id: query.id ?? '', requestId: newRequestId() });
      if (query.id) void this.load();
    },
    async load() {
      this.setData({ status: 'loading' });
      try {
        const session = await getSession(this.data.id);
        this.setData({
          status: 'ready',
          kept: session,
          files: session.files,
          form: {
            title: session.title,
            summary: session.summary,
            place: session.place,
            day: session.day,
            startTime: session.startTime,
            endTime: session.endTime,
            capacity: String(session.capacity),
            withSurvey: session.survey.length > 0,
          },
        });
      } catch (error) {
        this.setData(failedLoad(error, 'classroom-editor'));
      }
    },
    onInput(event: FieldEvent) {
      const { path } = event.currentTarget.dataset;
      if (path) this.setData({ [path]: event.detail.value ?? '' });
    },
    onSurveySwitch(event: SwitchEvent) {
      this.setData({ 'form.withSurvey': event.detail.value === true });
    },
    async onAddFile() {
      if (this.data.uploading) return;
      if (this.data.files.length >= CLASSROOM_LIMITS.files) {
        wx.showToast({ title: `最多 ${CLASSROOM_LIMITS.files} 个资料`, icon: 'none' });
        return;
      }
      const chosen = await chooseDocument();
      if (!chosen) return;
      const fileType = documentTypeOf(chosen.name);
      if (!fileType) {
        wx.showToast({ title: '只能上传 PDF、PPT、Word 或 Excel 文件', icon: 'none' });
        return;
      }
      if (chosen.size > CLASSROOM_LIMITS.fileBytes) {
        wx.showToast({ title: `文件过大（最大 ${CLASSROOM_LIMITS.fileBytes / 1024 / 1024} MB）`, icon: 'none' });
        return;
      }
      this.setData({ uploading: true });
      try {
        const fileID = await uploadOwnFile('classroom-file', chosen.path, { name: chosen.name });
        const name = chosen.name.trim().slice(0, CLASSROOM_LIMITS.fileName).trim() || `资料.${fileType}`;
        this.setData({ files: [...this.data.files, { name, fileID, fileType }] });
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-editor').message, icon: 'none' });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemoveFile(event: WechatMiniprogram.CustomEvent<{}, {}, { index?: number }>) {
      const { index } = event.currentTarget.dataset;
      this.setData({ files: this.data.files.filter((_, at) => at !== index) });
    },
    input(): SessionSave {
      const { form, kept } = this.data;
      return {
        ...(this.data.id ? { sessionId: this.data.id } : { requestId: this.data.requestId }),
        title: form.title,
        summary: form.summary,
        place: form.place,
        day: form.day,
        startTime: form.startTime,
        endTime: form.endTime,
        capacity: Number(form.capacity),
        departmentIds: kept?.departmentIds ?? [],
        audiences: kept?.audiences ?? [],
        preReadingCourseId: kept?.preReadingCourseId ?? null,
        preTestCourseId: kept?.preTestCourseId ?? null,
        preTestRequired: kept?.preTestRequired ?? false,
        postQuizCourseId: kept?.postQuizCourseId ?? null,
        survey: form.withSurvey ? (kept && kept.survey.length > 0 ? kept.survey : STANDARD_SURVEY) : [],
        files: this.data.files,
      };
    },
    async onSave() {
      const { form } = this.data;
      if (!form.title.trim() || !form.place.trim()) {
        wx.showToast({ title: '请填写课程名称和地点', icon: 'none' });
        return;
      }
      const capacity = Number(form.capacity);
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > CLASSROOM_LIMITS.capacity) {
        wx.showToast({ title: `名额应为 1~${CLASSROOM_LIMITS.capacity} 的整数`, icon: 'none' });
        return;
      }
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        const saved = await saveSession(this.input());
        wx.showToast({ title: '已保存', icon: 'success' });
        wx.redirectTo({ url: routeUrl('packageClassroom/report', { id: saved.id }) });
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-editor').message, icon: 'none' });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
