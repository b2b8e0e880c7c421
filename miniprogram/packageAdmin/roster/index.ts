/**
 * 导入花名册 (admin): choose a CSV or Excel file from a chat, upload it, preview the import (nothing written:
 * counts and rejected rows), then import. Deactivating a large share of members at once (a truncated file?)
 * needs an explicit second confirmation, and only then is the import re-sent with allowMassDeactivation.
 */
import { importRoster, type RosterImportResult } from '../../services/admin';
import { uploadOwnFile } from '../../services/uploads';
import { failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import { confirmModal } from '../../utils/ui';
import { ADMIN_LIMITS } from '../../utils/limits';

/** The server's roster file limit (server/roster/parse.ts DEFAULT_MAX_BYTES); checked here to fail fast. */
const MAX_FILE_BYTES = ADMIN_LIMITS.rosterFileBytes;
const EXTENSIONS = ['csv', 'xlsx'];

type Step = 'choose' | 'working' | 'preview' | 'done';

interface ReportView {
  counts: { label: string; value: number }[];
  rejected: { key: string; text: string }[];
}

function toReportView(result: RosterImportResult): ReportView {
  const { report } = result;
  return {
    counts: [
      { label: '新增', value: report.inserted },
      { label: '更新', value: report.updated },
      { label: '未变化', value: report.unchanged },
      { label: '停用', value: report.deactivated },
      { label: '恢复', value: report.reactivated },
      { label: '新建部门', value: report.departmentsCreated },
      { label: '拒绝', value: report.rejected },
    ],
    rejected: result.rejected.map((row) => ({
      key: `${row.row}`,
      text: `第 ${row.row} 行${row.employeeNo ? `（工号 ${row.employeeNo}）` : ''}：${row.reason}`,
    })),
  };
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function chooseFile(): Promise<WechatMiniprogram.ChooseFile | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: EXTENSIONS,
      success: (res) => resolve(res.tempFiles[0] ?? null),
      // Cancelling the chooser is not an error.
      fail: () => resolve(null),
    });
  });
}

definePage({
  data: {
    step: 'choose' as Step,
    working: '',
    error: '',
    fileName: '',
    fileID: '',
    preview: null as ReportView | null,
    /** The preview would deactivate many members: importing needs the second confirmation. */
    massDeactivation: false,
    deactivating: 0,
    result: null as ReportView | null,
  },
  methods: {
    async onChoose() {
      const file = await chooseFile();
      if (!file) return;
      if (!EXTENSIONS.includes(extensionOf(file.name))) {
        this.setData({ error: '请选择 CSV 或 Excel（.xlsx）文件' });
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        this.setData({ error: '文件过大（最大 5 MB），请拆分后分批导入' });
        return;
      }
      this.setData({ step: 'working', working: '正在上传…', error: '', fileName: file.name, preview: null, result: null });
      try {
        const fileID = await uploadOwnFile('roster', file.path, { name: file.name });
        this.setData({ fileID, working: '正在预览…' });
        await this.loadPreview(fileID);
      } catch (error) {
        this.setData({ step: 'choose', error: failureOf(error, 'roster', '上传失败，请稍后重试').message });
      }
    },
    /** Dry run first; when the server refuses it as a mass deactivation, preview with the flag to show why. */
    async loadPreview(fileID: string) {
      let massDeactivation = false;
      let result: RosterImportResult;
      try {
        result = await importRoster({ fileID, dryRun: true });
      } catch (error) {
        const failure = failureOf(error, 'roster');
        if (failure.code !== 'MASS_DEACTIVATION') throw error;
        massDeactivation = true;
        result = await importRoster({ fileID, dryRun: true, allowMassDeactivation: true });
      }
      this.setData({ step: 'preview', preview: toReportView(result), massDeactivation, deactivating: result.report.deactivated });
    },
    confirmMassDeactivation() {
      return confirmModal({
        title: '确认停用大量员工',
        content: `本次导入将停用 ${this.data.deactivating} 名员工。请确认名单完整（不是部分名单）后再导入。确定继续吗？`,
        confirmText: '确认停用',
        danger: true,
      });
    },
    async onImport() {
      const { fileID, massDeactivation } = this.data;
      if (!fileID || this.data.step !== 'preview') return;
      if (massDeactivation && !(await this.confirmMassDeactivation())) return;
      this.setData({ step: 'working', working: '正在导入…', error: '' });
      try {
        let result: RosterImportResult;
        try {
          result = await importRoster({ fileID, dryRun: false, allowMassDeactivation: massDeactivation });
        } catch (error) {
          // The roster changed since the preview: the server now refuses a mass deactivation; ask, then resend.
          if (failureOf(error, 'roster').code !== 'MASS_DEACTIVATION' || massDeactivation) throw error;
          this.setData({ massDeactivation: true, step: 'preview' });
          if (!(await this.confirmMassDeactivation())) return;
          this.setData({ step: 'working' });
          result = await importRoster({ fileID, dryRun: false, allowMassDeactivation: true });
        }
        this.setData({ step: 'done', result: toReportView(result) });
      } catch (error) {
        this.setData({ step: 'preview', error: failureOf(error, 'roster', '导入失败，请稍后重试').message });
      }
    },
    onRestart() {
      this.setData({ step: 'choose', error: '', fileName: '', fileID: '', preview: null, result: null, massDeactivation: false, deactivating: 0 });
    },
  },
});
