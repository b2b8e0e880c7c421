/**
 * scripts/import-courses.ts as a child process (bundled once, test/helpers/scripts.ts) against an in-process local cloud: a course folder with
 * front matter, Markdown, a picture, audio and a take-away PDF; media and files uploaded to cloud storage; a
 * series; re-import changes nothing; bad front matter names the file and leaves that course out whole while
 * others import.
 * Upload semantics: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/uploadFile.html
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CourseDoc, SeriesDoc } from '../../typings/domain';
import { makeTempDir, startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { testDb } from '../helpers/db';
import { getCloud } from '../../server/core/cloud';
import { tempUrls } from '../../server/core';
import { useBundledScripts } from '../helpers/scripts';

jest.setTimeout(60_000);

let cloud: TestCloud;
let work: string;

const scripts = useBundledScripts(['import-courses.ts']);

function importFolder(folder: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return scripts.run('import-courses.ts', [folder], { WEIKE_LOCAL_CLOUD_URL: cloud.url });
}

function writeCourse(folder: string, slug: string, frontMatter: string, body: string, files: Record<string, Buffer> = {}): void {
  const dir = path.join(folder, slug);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'course.md'), `---\n${frontMatter.trim()}\n---\n${body}`);
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
}

async function course(id: string): Promise<CourseDoc | undefined> {
  const result = (await testDb().collection('courses').where({ _id: id }).get()) as unknown as { data: CourseDoc[] };
  return result.data[0];
}

beforeAll(async () => {
  cloud = await startTestCloud();
  work = makeTempDir('weike-import-');
  writeCourse(
    work,
    'listening',
    `
title: 倾听的力量
summary: 三分钟学会积极倾听
category: general_skills
format: narrated_article
audiences: [individual]
durationMinutes: 3
tags: [沟通]
narration: voice.wav
files: [倾听手册.pdf]
quiz:
  passMark: 50
  attemptLimit: 0
  requiredForCompletion: false
  questions:
    - id: q1
      kind: single
      prompt: 倾听时最重要的是？
      options: [{ id: a, text: 专注对方 }, { id: b, text: 准备反驳 }]
      answer: [a]
`,
    '# 为什么要倾听\n\n倾听让对方感到被**尊重**。\n\n![倾听示意图](picture.png)\n\n- 点头\n- 复述\n',
    { 'voice.wav': Buffer.from('RIFF-voice'), 'picture.png': Buffer.from('PNG-picture'), '倾听手册.pdf': Buffer.from('%PDF-1.4 listening') },
  );
  writeCourse(work, 'broken', 'title: 坏课程\ncategory: nowhere\nformat: article\ndurationMinutes: 2', '正文');
  fs.writeFileSync(path.join(work, 'series.yaml'), '- id: soft-skills\n  title: 软技能\n  courses: [listening]\n  stepUnlock: true\n');
});

afterAll(async () => {
  await cloud.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

it('imports a course with its media uploaded and a series; a bad course is reported by file and skipped whole', async () => {
  const first = await importFolder(work);
  expect(first.code).toBe(1);
  expect(first.stderr).toContain(path.join(work, 'broken', 'course.md'));
  expect(first.stderr).toContain('category');
  expect(first.stdout).toContain('新建  listening');
  expect(await course('c:broken')).toBeUndefined();

  const imported = await course('c:listening');
  expect(imported).toMatchObject({ title: '倾听的力量', status: 'published', revision: 1, format: 'narrated_article', seriesIds: ['s:soft-skills'] });
  const blocks = imported?.content.blocks ?? [];
  expect(blocks[0]).toEqual({ type: 'heading', text: '为什么要倾听' });
  expect(blocks[1]).toEqual({ type: 'paragraph', text: '倾听让对方感到被尊重。' });
  const image = blocks.find((block) => block.type === 'image');
  expect(image).toMatchObject({ caption: '倾听示意图', fileID: expect.stringMatching(/^cloud:\/\/.*courses\/listening\/picture\.png$/) });
  const narration = imported?.content.narrationFileID as string;
  const url = (await tempUrls(getCloud(), [narration])).get(narration) as string;
  expect(await (await fetch(url)).text()).toBe('RIFF-voice');
  // The take-away file (课后资料): listed by name, typed and sized, uploaded beside the course's media.
  expect(imported?.files).toEqual([
    { name: '倾听手册.pdf', fileType: 'pdf', size: 18, fileID: expect.stringMatching(/^cloud:\/\/.*courses\/listening\/倾听手册\.pdf$/) },
  ]);
  const handout = imported?.files?.[0]?.fileID as string;
  expect(await (await fetch((await tempUrls(getCloud(), [handout])).get(handout) as string)).text()).toBe('%PDF-1.4 listening');
  const series = (await testDb().collection('series').where({ _id: 's:soft-skills' }).get()) as unknown as { data: SeriesDoc[] };
  expect(series.data[0]).toMatchObject({ courseIds: ['c:listening'], stepUnlock: true });
});

it('re-imports idempotently and updates in place when a file changes', async () => {
  fs.rmSync(path.join(work, 'broken'), { recursive: true });
  const again = await importFolder(work);
  expect(again).toMatchObject({ code: 0 });
  expect(again.stdout).toContain('未变  listening');
  expect((await course('c:listening'))?.revision).toBe(1);

  const file = path.join(work, 'listening', 'course.md');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('三分钟学会积极倾听', '五分钟学会积极倾听'));
  const changed = await importFolder(work);
  expect(changed.stdout).toContain('更新  listening');
  expect(await course('c:listening')).toMatchObject({ summary: '五分钟学会积极倾听', revision: 2, seriesIds: ['s:soft-skills'] });
});
