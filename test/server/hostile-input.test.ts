/**
 * Hostile keys and client-chosen keys: `__proto__`, `constructor`, `prototype`, `$…` and dotted keys are
 * refused with INVALID_INPUT wherever they appear in an input (a raw JSON body makes `__proto__` an own key),
 * nothing is written, and ids the server later uses as field names match `^[A-Za-z0-9_-]{1,32}$`. Lookups of
 * a client key in an object only see the object's own entries.
 */
import { FUNCTIONS } from '../../server/functions';
import { assertScores, weightedAverage } from '../../server/authoring/review';
import { scoresProblem, weightedScore } from '../../server/contest/scoring';
import { leftFrom } from '../../server/contest/voting/cast';
import { hostileKeyPath } from '../../server/core/validate';
import type { RubricDimension } from '../../typings/domain';
import { callAction, invoke } from '../helpers/invoke';
import { useTestCloud } from '../helpers/local-cloud';
import { grant, seedMember } from '../helpers/db';
import { courseDoc, quizDoc, seedCourses } from '../helpers/courses';
import { codeOf, dataOf } from '../helpers/envelope';

const cloud = useTestCloud();
const LEARNER = { openid: 'o-hostile-learner' };
const ADMIN = { openid: 'o-hostile-admin' };
const JUDGE = { openid: 'o-hostile-judge' };
const REVIEWER = { openid: 'o-hostile-reviewer' };

/** A published course whose quiz has a question id that names an Object.prototype member. */
const TRICKY_QUIZ = quizDoc({
  attemptLimit: 0,
  shuffle: false,
  questions: [
    {
      id: 'toString',
      kind: 'single',
      prompt: '一加一等于几？',
      options: [
        { id: 'a', text: '1' },
        { id: 'b', text: '2' },
      ],
      answer: ['b'],
    },
    {
      id: 'q2',
      kind: 'single',
      prompt: '一周几天？',
      options: [
        { id: 'a', text: '5' },
        { id: 'b', text: '7' },
      ],
      answer: ['b'],
    },
  ],
});

beforeAll(async () => {
  await seedMember(LEARNER.openid, 'm:hostile-learner');
  await seedMember(ADMIN.openid, 'm:hostile-admin', { roles: [grant('admin')] });
  await seedMember(JUDGE.openid, 'm:hostile-judge', { roles: [grant('judge')] });
  await seedMember(REVIEWER.openid, 'm:hostile-reviewer', { roles: [grant('reviewer')] });
  await seedCourses(courseDoc('course:hostile', { quiz: quizDoc({ attemptLimit: 0 }) }), courseDoc('course:tricky', { quiz: TRICKY_QUIZ }));
});

/** Calls `fn` with an event parsed from raw JSON text, as a gateway or CloudBase would hand it over. */
async function rawCall(fn: keyof typeof FUNCTIONS, json: string, identity: { openid: string }) {
  const before = cloud.database.commitSequence();
  const answer = await invoke(FUNCTIONS[fn].main, JSON.parse(json), identity);
  return { answer, written: cloud.database.commitSequence() - before };
}

describe('hostile key names are refused with INVALID_INPUT and write nothing', () => {
  it('a quiz answer keyed __proto__ in a raw JSON body', async () => {
    const { answer, written } = await rawCall(
      'course',
      '{"action":"submitQuiz","courseId":"course:hostile","attemptId":"attempt-proto-1","answers":{"q1":["b"],"__proto__":["a"]}}',
      LEARNER,
    );
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '参数名 answers.__proto__ 不允许使用' });
    expect(written).toBe(0);
  });

  it('a top-level __proto__ key in the event (it must not become the input prototype)', async () => {
    const { answer, written } = await rawCall(
      'course',
      '{"action":"submitQuiz","__proto__":{"courseId":"course:hostile","attemptId":"attempt-proto-2","answers":{}}}',
      LEARNER,
    );
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '参数名 __proto__ 不允许使用' });
    expect(written).toBe(0);
  });

  it.each([
    ['constructor', '{"q1":["b"],"constructor":["a"]}', 'answers.constructor'],
    ['prototype', '{"q1":["b"],"prototype":["a"]}', 'answers.prototype'],
    ['an operator-like $ key', '{"q1":["b"],"$set":["a"]}', 'answers.$set'],
    ['a dotted key', '{"q1":["b"],"q2.x":["a"]}', 'answers.q2.x'],
  ])('a quiz answer keyed with %s', async (_label, answers, path) => {
    const { answer, written } = await rawCall(
      'course',
      `{"action":"submitQuiz","courseId":"course:hostile","attemptId":"attempt-keys-1","answers":${answers}}`,
      LEARNER,
    );
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: `参数名 ${path} 不允许使用` });
    expect(written).toBe(0);
  });

  it('hostile keys deep inside arrays and nested objects of other actions', async () => {
    const cases: [keyof typeof FUNCTIONS, string, { openid: string }, string][] = [
      ['contest', '{"action":"saveScores","roundId":"r","entryId":"e","scores":{"$inc":1}}', JUDGE, 'scores.$inc'],
      ['authoring', '{"action":"scoreReview","revisionId":"c:1","scores":{"a.b":3},"notes":""}', REVIEWER, 'scores.a.b'],
      [
        'authoring',
        '{"action":"createCourse","fields":{"quiz":{"questions":[{"id":"q1","__proto__":{"admin":true}}]}}}',
        LEARNER,
        'fields.quiz.questions[0].__proto__',
      ],
      ['campaign', '{"action":"create","title":"t","teams":[{"name":"a","constructor":{"prototype":1}}]}', ADMIN, 'teams[0].constructor'],
      ['points', '{"action":"adjust","memberId":{"$ne":null},"amount":1,"reason":"r","requestId":"request-0001"}', ADMIN, 'memberId.$ne'],
    ];
    for (const [fn, json, identity, path] of cases) {
      const { answer, written } = await rawCall(fn, json, identity);
      expect({ json, answer }).toMatchObject({ json, answer: { ok: false, code: 'INVALID_INPUT', message: `参数名 ${path} 不允许使用` } });
      expect(written).toBe(0);
    }
  });

  it('a deeply nested body is walked without overflowing the stack', () => {
    let deep: unknown = { $where: 1 };
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(hostileKeyPath({ answers: deep })?.endsWith('.$where')).toBe(true);
  });
});

describe('ids stored as field names match ^[A-Za-z0-9_-]{1,32}$ and are never prototype names', () => {
  it('quiz question ids outside the pattern, or named __proto__ / constructor / prototype, are refused', async () => {
    for (const id of ['q.1', '$q', '__proto__', 'constructor', 'prototype', 'a'.repeat(33), '问题一']) {
      const fields = {
        title: '测验',
        summary: '',
        cover: null,
        category: 'general_skills',
        format: 'text',
        audiences: [],
        durationMinutes: 5,
        tags: [],
        content: { blocks: [{ type: 'paragraph', text: '正文' }] },
        quiz: {
          passMark: 60,
          attemptLimit: 0,
          requiredForCompletion: false,
          questions: [
            {
              id,
              kind: 'single',
              prompt: '题',
              options: [
                { id: 'a', text: '甲' },
                { id: 'b', text: '乙' },
              ],
              answer: ['a'],
            },
          ],
        },
      };
      const before = cloud.database.commitSequence();
      const answer = await callAction('authoring', 'createCourse', { fields } as never, LEARNER);
      expect({ id, code: codeOf(answer) }).toEqual({ id, code: 'INVALID_INPUT' });
      expect(cloud.database.commitSequence()).toBe(before);
    }
  });

  it('quiz answers keyed outside the pattern are refused', async () => {
    const answer = await callAction('course', 'submitQuiz', { courseId: 'course:hostile', attemptId: 'attempt-keys-2', answers: { 'q 1': ['a'] } }, LEARNER);
    expect(codeOf(answer)).toBe('INVALID_INPUT');
  });

  it('review rubric and contest dimension ids named constructor are refused', async () => {
    const review = await callAction(
      'authoring',
      'updateReviewSettings',
      { dimensions: [{ id: 'constructor', name: '内容', weight: 1 }], scale: '1-5', threshold: 3, reviewersPerRevision: 1 },
      ADMIN,
    );
    expect(codeOf(review)).toBe('INVALID_INPUT');
    const scores = await callAction('contest', 'saveScores', { roundId: 'r', entryId: 'e', scores: { constructor: 1 } }, JUDGE);
    expect(codeOf(scores)).toBe('INVALID_INPUT');
  });
});

describe('client keys are looked up as own properties only', () => {
  it('a quiz question id that names an Object.prototype member grades as unanswered instead of crashing', async () => {
    const result = dataOf(
      await callAction('course', 'submitQuiz', { courseId: 'course:tricky', attemptId: 'attempt-tostring-1', answers: { q2: ['b'] } }, LEARNER),
    );
    expect(result).toMatchObject({ score: 50, correctCount: 1 });
    const stored = cloud.database.getDocument('quizAttempts', 'm:hostile-learner:course:tricky:attempt-tostring-1');
    expect(stored?.answers).toEqual({ toString: [], q2: ['b'] });
  });

  it('a rubric dimension named like an Object.prototype member counts as unscored, not as a function', () => {
    const rubric = { dimensions: [{ id: 'valueOf', name: '内容', weight: 1 }], scale: '1-5' as const, threshold: 3 };
    expect(() => assertScores(rubric, {})).toThrow('请为「内容」打分');
    expect(weightedAverage(rubric, { valueOf: 4 })).toBe(4);
    const dimensions: RubricDimension[] = [{ id: 'toString', name: '贴合主题', weight: 1, min: 0, max: 10 }];
    expect(scoresProblem(dimensions, {})).toBe('请为「贴合主题」打分');
    expect(weightedScore(dimensions, {})).toBe(0);
  });

  it('votes left for an entry id named like an Object.prototype member', () => {
    expect(leftFrom('per_entry', 3, { votes: 0, perEntry: {} }, 'constructor')).toEqual({ entryLeft: 3, totalLeft: null });
  });
});
