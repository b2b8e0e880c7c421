/**
 * Take-away files (课后资料) of a course or a classroom session (typings/takeaway-files.ts). With a `purpose`
 * the editor's list: a file picked from a WeChat chat (wx.chooseMessageFile, PDF, Word, PowerPoint or Excel,
 * within the contract's size) is uploaded to the editor's own folder for that purpose and added; 移除 drops
 * one. Without it the members' list: tapping a file asks the page to open it (`open` { index }), which gets
 * its URL and opens it with utils/takeaway.ts. Events: change { files } with the whole new list; busy
 * { uploading } so the page can hold its save.
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 */
import type { TakeawayFileDoc, TakeawayFileType } from '../../../typings/domain';
import { type UploadPurpose, uploadOwnFile } from '../../services/uploads';
import { failureOf } from '../../utils/failure';
import { TAKEAWAY_LIMITS } from '../../utils/limits';
import { chooseTakeawayFile, takeawayEntryOf, takeawayMeta } from '../../utils/takeaway';
import { toast } from '../../utils/ui';
import { flagProperty, textProperty } from '../properties';

/** What a row shows; editors pass TakeawayFileDoc, members' pages the course's or session's listing. */
interface ListedFile {
  name: string;
  fileType: TakeawayFileType;
  size?: number;
}

Component({
  properties: {
    files: { type: Array, value: [] as ListedFile[] },
    /** The upload folder (`course-file`, `classroom-file`); empty: the members' read-only list. */
    purpose: textProperty(),
    disabled: flagProperty(),
  },
  data: { rows: [] as { key: number; name: string; meta: string }[], uploading: false, max: TAKEAWAY_LIMITS.files },
  observers: {
    files(files: ListedFile[]) {
      this.setData({ rows: files.map((file, key) => ({ key, name: file.name, meta: takeawayMeta(file) })) });
    },
  },
  methods: {
    async onAdd() {
      const current = this.data.files as TakeawayFileDoc[];
      if (this.data.uploading || this.data.disabled || !this.data.purpose) return;
      if (current.length >= TAKEAWAY_LIMITS.files) {
        toast(`最多 ${TAKEAWAY_LIMITS.files} 个资料`);
        return;
      }
      const chosen = await chooseTakeawayFile();
      if (!chosen) return;
      const entry = takeawayEntryOf(chosen);
      if (typeof entry === 'string') {
        toast(entry);
        return;
      }
      this.setData({ uploading: true });
      this.triggerEvent('busy', { uploading: true });
      try {
        const fileID = await uploadOwnFile(this.data.purpose as UploadPurpose, chosen.path, { name: chosen.name });
        this.triggerEvent('change', { files: [...current, { ...entry, fileID }] });
      } catch (error) {
        toast(failureOf(error, 'takeaway-files', '资料上传失败，请重试').message);
      } finally {
        this.setData({ uploading: false });
        this.triggerEvent('busy', { uploading: false });
      }
    },
    onRemove(event: WechatMiniprogram.BaseEvent<{}, { index?: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.triggerEvent('change', { files: (this.data.files as TakeawayFileDoc[]).filter((_, at) => at !== index) });
    },
    onOpen(event: WechatMiniprogram.BaseEvent<{}, { index?: number }>) {
      if (this.data.purpose) return;
      this.triggerEvent('open', { index: Number(event.currentTarget.dataset.index) });
    },
  },
});
