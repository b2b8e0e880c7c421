/**
 * The demo's course with take-away files (课后资料): an Excel lookup practice course whose two files are made
 * at seed time — a one-page PDF cheat sheet written here (PDF 1.4 with the standard Helvetica font, so no font
 * is embedded; its text is formulas, which are ASCII) and a practice workbook made with exceljs. Both go into
 * the demo trainer's own `course-file` folder, and the course is published through the bulk import's path
 * (server/authoring/revisions.ts publishDirectly), so seeding again changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database, WxCloud } from '../../server/core';
import { loadExcel } from '../../server/core/excel';
import { uploadFolderOf } from '../../server/core/uploads';
import { type Author, publishDirectly } from '../../server/authoring/revisions';
import type { CourseFieldsDoc, TakeawayFileDoc } from '../../typings/domain';
import { courseIdOf } from '../import-courses';
import { DEMO_CONTENT_DIR } from './media';

export const FILES_COURSE_SLUG = 'lookup-practice';

const CHEAT_SHEET = [
  'Lookup functions - cheat sheet',
  '',
  '=VLOOKUP(A2, Prices!A:C, 3, FALSE)',
  '=XLOOKUP(A2, Prices!A:A, Prices!C:C, "n/a")',
  '=INDEX(Prices!C:C, MATCH(A2, Prices!A:A, 0))',
  '=IFERROR(VLOOKUP(A2, Prices!A:C, 3, FALSE), 0)',
];

/** A one-page A4 PDF showing `lines` (ASCII) in Helvetica: objects, a cross-reference table with exact offsets, a trailer. */
export function tinyPdf(lines: readonly string[]): Buffer {
  const escape = (line: string) => line.replace(/[\\()]/g, (char) => `\\${char}`);
  const text = lines.map((line, index) => `BT /F1 ${index === 0 ? 18 : 12} Tf 56 ${780 - index * 24} Td (${escape(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [index, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The practice workbook: a price list and orders to fill in with a lookup. Fixed dates, so every seed writes the same bytes' length. */
export async function practiceWorkbook(now: Date): Promise<Buffer> {
  const workbook = new (loadExcel().Workbook)();
  workbook.created = now;
  workbook.modified = now;
  workbook.addWorksheet('Prices').addRows([
    ['编号', '商品', '单价'],
    ['A-01', '签字笔', 3],
    ['A-02', '笔记本', 12],
    ['A-03', '文件夹', 6],
  ]);
  workbook.addWorksheet('Orders').addRows([
    ['编号', '数量', '单价（用查找函数填写）'],
    ['A-02', 5, null],
    ['A-03', 2, null],
    ['A-01', 10, null],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(cloud: WxCloud, cloudPath: string, fileContent: Buffer): Promise<string> {
  return ((await cloud.uploadFile({ cloudPath, fileContent })) as { fileID: string }).fileID;
}

async function takeaway(
  cloud: WxCloud,
  openid: string,
  stored: string,
  name: string,
  fileType: TakeawayFileDoc['fileType'],
  fileContent: Buffer,
): Promise<TakeawayFileDoc> {
  return { name, fileID: await upload(cloud, `${uploadFolderOf(openid)}/course-file/${stored}`, fileContent), fileType, size: fileContent.length };
}

/** A committed picture of the Excel lookup course (content/demo), uploaded as the trainer's course media. */
function picture(cloud: WxCloud, openid: string, file: string): Promise<string> {
  return upload(
    cloud,
    `${uploadFolderOf(openid)}/course-media/demo-lookup-practice-${file}`,
    fs.readFileSync(path.join(DEMO_CONTENT_DIR, 'excel-lookup', file)),
  );
}

/** Publishes the practice course with its two files, authored by `author` (whose uploads they are, `openid`). */
export async function seedCourseFilesDemo(db: Database, cloud: WxCloud, openid: string, author: Author, now: Date): Promise<string> {
  const files = [
    await takeaway(cloud, openid, 'demo-lookup-cheat-sheet.pdf', '查找函数速查表.pdf', 'pdf', tinyPdf(CHEAT_SHEET)),
    await takeaway(cloud, openid, 'demo-lookup-practice.xlsx', '查找函数练习数据.xlsx', 'xlsx', await practiceWorkbook(new Date('2026-01-05T02:00:00Z'))),
  ];
  const fields: CourseFieldsDoc = {
    title: 'Excel 查找函数练习',
    summary: '用课后资料里的练习表，动手写一遍 VLOOKUP 和 XLOOKUP',
    cover: await picture(cloud, openid, 'cover.png'),
    category: 'professional_skills',
    format: 'article',
    audiences: [],
    durationMinutes: 15,
    tags: ['Excel', '练习'],
    content: {
      blocks: [
        { type: 'heading', text: '先看速查表，再做练习' },
        { type: 'paragraph', text: '查找函数把一张表里的信息带到另一张表：按编号找单价、按工号找部门，是日常报表里最常用的一步。' },
        { type: 'image', fileID: await picture(cloud, openid, 'lookup-table.png'), caption: '价目表与订单表' },
        { type: 'paragraph', text: '打开课后资料中的速查表，对照 VLOOKUP、XLOOKUP、INDEX+MATCH 和 IFERROR 四个常用写法，看清每个参数的位置。' },
        { type: 'paragraph', text: '再打开练习数据，在 Orders 表里用查找函数填出每个订单的单价；填完后改一个编号，看看结果如何跟着变化。' },
      ],
    },
    quiz: null,
    files,
  };
  await publishDirectly(db, courseIdOf(FILES_COURSE_SLUG), fields, author, now);
  return courseIdOf(FILES_COURSE_SLUG);
}
