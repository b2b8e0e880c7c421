/**
 * Course delivery at scale: database operations per progress report and per home-page load (counted by the
 * local cloud), and the home page's latency with 10,000 courses and 1,000,000 learning records.
 */
import type { Recorder } from './harness';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCloud } from '../emulator/server';
import { sdkEnv } from '../emulator/sdk-env';
import { seedDemoData } from '../scripts/demo';
import { courseDoc } from '../test/helpers/courses';
import type { CourseCategory, CourseFormat } from '../typings/domain';

const COURSES = 10_000;
const RECORDS = 1_000_000;
const LEARNER = 'demo-learner';
const CATEGORIES: CourseCategory[] = ['company_knowledge', 'general_skills', 'leadership', 'professional_skills', 'onboarding'];
const FORMATS: CourseFormat[] = ['article', 'narrated_article', 'video', 'audio', 'h5', 'text'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function run(record: Recorder): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-course-'));
  const cloud = await startLocalCloud({ dataDir, port: 0, functionsDir: path.resolve(__dirname, '..', 'cloudfunctions') });
  try {
    await seedDemoData(sdkEnv(cloud.url));
    const started = Date.UTC(2025, 0, 1);
    const courses = Array.from({ length: COURSES }, (_, i) =>
      courseDoc(`bench-course-${i}`, {
        title: `基准课程 ${i}`,
        category: CATEGORIES[i % CATEGORIES.length],
        format: FORMATS[i % FORMATS.length],
        tags: [`标签${i % 50}`],
        publishedAt: new Date(started + i * 60_000),
        createdAt: new Date(started),
        updatedAt: new Date(started),
      }),
    );
    cloud.database.insertDocuments('courses', courses as unknown as Record<string, unknown>[]);
    // 1,000,000 records: 20,000 colleagues with 50 courses each; the measured learner has 50 of their own.
    const chunk = 50_000;
    for (let offset = 0; offset < RECORDS; offset += chunk) {
      const docs = Array.from({ length: Math.min(chunk, RECORDS - offset) }, (_, j) => {
        const n = offset + j;
        const memberId = n < 50 ? 'bench-self' : `m:bench-${Math.floor(n / 50)}`;
        const courseId = `bench-course-${(n * 7919) % COURSES}`;
        const at = new Date(started + n * 1000);
        return {
          _id: `${memberId}:${courseId}`,
          memberId,
          courseId,
          position: 30,
          furthest: 60,
          percent: 40,
          studyMs: 120_000,
          creditedUntil: at,
          completed: n % 3 === 0,
          completedAt: n % 3 === 0 ? at : null,
          completionEmitted: n % 3 === 0,
          quizAttempts: 0,
          quizPassed: false,
          quizBestScore: null,
          quizPassEmitted: false,
          startedAt: at,
          lastStudiedAt: at,
          updatedAt: at,
        };
      });
      cloud.database.insertDocuments('learningRecords', docs);
    }

    const call = async (name: string, data: object) => {
      const res = await fetch(`${cloud.url}/gateway/callFunction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-weike-openid': LEARNER },
        body: JSON.stringify({ name, data }),
      });
      const body = (await res.json()) as { result?: { ok: boolean; message?: string } };
      if (!body.result?.ok) throw new Error(`${name}.${(data as { action: string }).action} failed: ${JSON.stringify(body)}`);
      return body.result;
    };

    // Warm the instances, then count and time.
    await call('course', { action: 'home' });
    cloud.actions.reset();
    await call('course', { action: 'home' });
    record('database operations per home-page load', String(cloud.actions.databaseOperations()), 'course.home for a learner');
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const t = performance.now();
      await call('course', { action: 'home' });
      times.push(performance.now() - t);
    }
    record(
      `home-page latency, ${COURSES.toLocaleString('en-US')} courses and ${RECORDS.toLocaleString('en-US')} learning records`,
      `${median(times).toFixed(1)} ms`,
      'median of 30 through the gateway',
    );

    const courseId = 'bench-course-42';
    await call('learning', { action: 'report', courseId, sessionId: 'bench-session', seq: 0, position: 0, state: 'playing' });
    const ops: number[] = [];
    for (let seq = 1; seq <= 20; seq += 1) {
      cloud.actions.reset();
      await call('learning', { action: 'report', courseId, sessionId: 'bench-session', seq, position: seq * 10, state: 'playing' });
      ops.push(cloud.actions.databaseOperations());
    }
    record(
      'database operations per progress report',
      String(median(ops)),
      'learning.report, median of 20 (the guard, the record read and its conditional update)',
    );
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
