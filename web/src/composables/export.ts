/**
 * One export button's work, for every console table that exports to Excel: the server writes the workbook
 * and answers its temporary link, the browser saves it under `fileName` (services/download.ts); `exporting`
 * while it runs, the row count on success, the server's message on refusal.
 */
import { ref, type Ref } from 'vue';
import { MessagePlugin } from 'tdesign-vue-next/es/message';
import type { ExportFile } from '../../../typings/functions/exports';
import { download } from '../services/download';
import { errorMessage } from '../services/errors';

export function useExport(): { exporting: Ref<boolean>; exportTo(work: () => Promise<ExportFile>, fileName: string): Promise<void> } {
  const exporting = ref(false);
  return {
    exporting,
    async exportTo(work, fileName) {
      exporting.value = true;
      try {
        const file = await work();
        download(file.url, fileName);
        void MessagePlugin.success(`已导出 ${file.rows} 行`);
      } catch (e) {
        void MessagePlugin.error(errorMessage(e, '导出失败，请稍后重试'));
      } finally {
        exporting.value = false;
      }
    },
  };
}
