/**
 * Excel exports (导出): a workbook is written to cloud storage and handed back as a temporary link the app
 * downloads (wx.downloadFile + wx.openDocument). One place, so every export names, uploads and links alike.
 */
import type ExcelJS from 'exceljs';
import type { WxCloud } from './cloud';

export interface PublishedWorkbook {
  fileID: string;
  url: string;
}

export async function publishWorkbook(cloud: WxCloud, workbook: ExcelJS.Workbook, cloudPath: string): Promise<PublishedWorkbook> {
  const fileContent = Buffer.from(await workbook.xlsx.writeBuffer());
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent })) as { fileID: string };
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL?: string }[] };
  const url = fileList[0]?.tempFileURL;
  if (!url) throw new Error(`no temporary URL for ${fileID}`);
  return { fileID, url };
}
