/**
 * The Markdown course reader shared by the CLI import and the console's import (typings/course-folder.ts):
 * front matter + Markdown → the contract's course fields with local file placeholders; every problem is one
 * Chinese message naming the file, the same the server gives for the same bad value.
 */
import { CourseFolderError, markdownBlocks, readCourseText, readSeriesText, withUploadedFiles } from '../../typings/course-folder';
import { LIMITS as COURSE_LIMITS } from '../../typings/functions/authoring';

const ARTICLE = `---
title: 倾听的力量
summary: 三分钟学会积极倾听
category: general_skills
format: article
durationMinutes: 3
tags: [沟通]
cover: cover.png
---
# 为什么要倾听

倾听让对方感到被**尊重**。

![示意图](picture.png)

- 点头
- 复述
`;

/** A course folder holding `names`, each of 100 bytes unless `sizes` says otherwise. */
const has =
  (...names: string[]) =>
  (name: string): number | undefined =>
    names.includes(name) ? 100 : undefined;

function problemOf(text: string, exists = has()): string {
  try {
    readCourseText('listening', text, 'listening/course.md', exists);
  } catch (err) {
    if (err instanceof CourseFolderError) return err.message;
    throw err;
  }
  throw new Error('expected a problem');
}

test('Markdown becomes heading, paragraph and image blocks; list items one paragraph each', () => {
  expect(markdownBlocks('# 标题\n\n一段**强调**的话，带[链接](https://example.com)。\n\n![图注](a.png)\n\n- 甲\n- 乙\n\n> 引言\n')).toEqual([
    { type: 'heading', text: '标题' },
    { type: 'paragraph', text: '一段强调的话，带链接。' },
    { type: 'localImage', file: 'a.png', caption: '图注' },
    { type: 'paragraph', text: '• 甲' },
    { type: 'paragraph', text: '• 乙' },
    { type: 'paragraph', text: '引言' },
  ]);
});

test('a course reads into contract fields with its local files listed once, then takes the uploaded file ids', () => {
  const source = readCourseText('listening', ARTICLE, 'listening/course.md', has('cover.png', 'picture.png'));
  expect(source.files).toEqual(['picture.png', 'cover.png']);
  expect(source.fields).toMatchObject({
    title: '倾听的力量',
    cover: 'local://cover.png',
    audiences: [],
    quiz: null,
    content: {
      blocks: [
        { type: 'heading', text: '为什么要倾听' },
        { type: 'paragraph', text: '倾听让对方感到被尊重。' },
        { type: 'image', fileID: 'local://picture.png', caption: '示意图' },
        {},
        {},
      ],
    },
  });
  const uploaded = withUploadedFiles(
    source.fields,
    new Map([
      ['cover.png', 'cloud://env/uploads/o/course-media/c.png'],
      ['picture.png', 'cloud://env/uploads/o/course-media/p.png'],
    ]),
  );
  expect(uploaded.cover).toBe('cloud://env/uploads/o/course-media/c.png');
  expect(uploaded.content.blocks[2]).toEqual({ type: 'image', fileID: 'cloud://env/uploads/o/course-media/p.png', caption: '示意图' });
  expect(() => withUploadedFiles(source.fields, new Map())).toThrow('cover.png 尚未上传');
});

test('each problem names the file: front matter, missing files, paths out of the folder, contract limits, cross-field rules', () => {
  expect(problemOf('# 没有头信息')).toBe('listening/course.md：缺少以 --- 包围的 YAML 头信息');
  expect(problemOf('---\ntitle: [\n---\n正文')).toMatch(/^listening\/course\.md：YAML 头信息格式错误/);
  expect(problemOf(ARTICLE.replace('tags:', 'colour: red\ntags:'), has('cover.png', 'picture.png'))).toBe('listening/course.md：不支持的头信息字段 colour');
  expect(problemOf(ARTICLE, has('cover.png'))).toBe('listening/course.md：正文图片 引用的文件 picture.png 不存在');
  expect(problemOf(ARTICLE.replace('cover.png', '../secret.png'), has('picture.png'))).toBe('listening/course.md：cover 应为课程文件夹内的文件名');
  const longTitle = '长'.repeat(COURSE_LIMITS.title + 1);
  expect(problemOf(ARTICLE.replace('倾听的力量', longTitle), has('cover.png', 'picture.png'))).toBe(
    `listening/course.md：参数 title 不能超过 ${COURSE_LIMITS.title}`,
  );
  expect(problemOf(ARTICLE.replace('general_skills', 'nowhere'), has('cover.png', 'picture.png'))).toBe(
    'listening/course.md：参数 category 的取值不在允许范围内',
  );
  expect(problemOf(ARTICLE.replace('format: article', 'format: video'), has('cover.png', 'picture.png'))).toBe(
    'listening/course.md：视频课程需要上传视频文件（content.mediaFileID）',
  );
  expect(() => readCourseText('Bad Name', ARTICLE, 'x', has())).toThrow('文件夹名应为小写字母、数字和连字符');
});

test('take-away files (front matter files) become the course’s 课后资料: listed by file name, typed and sized, uploaded as such', () => {
  const sizes: Record<string, number> = { 'docs/安全手册.pdf': 2_048, '清单.xlsx': 900 };
  const text = ARTICLE.replace('cover: cover.png', 'cover: cover.png\nfiles: [docs/安全手册.pdf, 清单.xlsx]');
  const source = readCourseText('listening', text, 'listening/course.md', (name) => sizes[name] ?? (name.endsWith('.png') ? 100 : undefined));
  expect(source.fields.files).toEqual([
    { name: '安全手册.pdf', fileID: 'local://docs/安全手册.pdf', fileType: 'pdf', size: 2_048 },
    { name: '清单.xlsx', fileID: 'local://清单.xlsx', fileType: 'xlsx', size: 900 },
  ]);
  expect(source.takeaway).toEqual(['docs/安全手册.pdf', '清单.xlsx']);
  expect(source.files).toEqual(expect.arrayContaining(['docs/安全手册.pdf', '清单.xlsx', 'cover.png']));
  const uploaded = new Map(source.files.map((name) => [name, `cloud://env/uploads/o-a/x/${name.length}`]));
  expect(withUploadedFiles(source.fields, uploaded).files?.map((entry) => entry.fileID)).toEqual([
    'cloud://env/uploads/o-a/x/13',
    'cloud://env/uploads/o-a/x/7',
  ]);

  const withFiles = (list: string, ...names: string[]) =>
    problemOf(ARTICLE.replace('cover: cover.png', `cover: cover.png\nfiles: ${list}`), has('cover.png', 'picture.png', ...names));
  expect(withFiles('[说明.txt]', '说明.txt')).toBe('listening/course.md：files 中的 说明.txt：只能上传 PDF、PPT、Word 或 Excel 文件');
  expect(withFiles('[手册.pdf]')).toBe('listening/course.md：files 引用的文件 手册.pdf 不存在');
  expect(withFiles('[手册.pdf, 手册.pdf]', '手册.pdf')).toBe('listening/course.md：files 中的 手册.pdf 重复');
  expect(withFiles('手册.pdf', '手册.pdf')).toBe('listening/course.md：files 应为课程文件夹内的文件名列表');
  expect(withFiles(`[${Array.from({ length: 11 }, (_, i) => `f${i}.pdf`).join(', ')}]`)).toBe('listening/course.md：files 最多 10 个');
  const large = ARTICLE.replace('cover: cover.png', 'cover: cover.png\nfiles: [大.pdf]');
  expect(() => readCourseText('listening', large, 'listening/course.md', (name) => (name === '大.pdf' ? 21 * 1024 * 1024 : 100))).toThrow(
    'listening/course.md：files 中的 大.pdf：文件过大（最大 20 MB）',
  );
});

test('series.yaml lists series with their course folders; a bad entry names the series', () => {
  expect(readSeriesText('- id: soft-skills\n  title: 软技能\n  courses: [listening]\n  stepUnlock: true\n', 'series.yaml')).toEqual([
    { id: 'soft-skills', title: '软技能', summary: '', courses: ['listening'], stepUnlock: true, audiences: [] },
  ]);
  expect(() => readSeriesText('- id: x\n  courses: [a]\n', 'series.yaml')).toThrow('series.yaml：第 1 个系列缺少 title');
  expect(() => readSeriesText('id: x\n', 'series.yaml')).toThrow('series.yaml：应为系列的列表');
});
