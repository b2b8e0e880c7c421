/**
 * Finding: actions stored (and later turned into temporary URLs) whatever file id a client sent: another
 * member's upload, a server-owned file, a path that merely contains the caller's folder. Every action taking a
 * client file id now accepts only `uploads/<caller openid>/...` (server/core/uploads.ts), keeps ids the
 * resource already holds, and refuses the rest with INVALID_INPUT, changing nothing. Call sites covered here:
 * course drafts (cover, media, article pictures), series covers, campaign covers, mall item pictures and
 * contest posters; check-in pictures, pitch videos and roster files have theirs in their areas' tests.
 */
import type { CourseFieldsInput } from '../../typings/functions/authoring';
import { callAction } from '../helpers/invoke';
import { useTestCloud } from '../helpers/local-cloud';
import { uploadedBy } from '../helpers/uploads';
import { countAll, grant, insertAll, seedMember } from '../helpers/db';
import { courseDoc } from '../helpers/courses';
import { itemForm } from '../helpers/mall';
import type { Envelope } from '../../typings/envelope';
import { dataOf } from '../helpers/envelope';

/** The ownership refusal itself, not some other validation error. */
const codeOf = (answer: Envelope<unknown>): string =>
  answer.ok ? 'OK' : answer.message.includes('本人刚上传') ? answer.code : `${answer.code}: ${answer.message}`;
import { campaignFields } from './campaign/helpers';
import { round } from './contest/helpers';

useTestCloud();

const TRAINER = { openid: 'o-upl-trainer' };
const ADMIN = { openid: 'o-upl-admin' };
const OTHER_ADMIN = { openid: 'o-upl-admin2' };
/** Lookalikes: another identity whose openid contains the caller's, and a server path mentioning it. */
const lookalikes = (openid: string, purpose: Parameters<typeof uploadedBy>[1]) => [
  uploadedBy(`${openid}x`, purpose),
  uploadedBy(`x${openid}`, purpose),
  `cloud://local.bucket/courses/c1/uploads/${openid}/${purpose}/a.jpg`,
  'cloud://local.bucket/courses/c1/cover.jpg',
];

function fields(overrides: Partial<CourseFieldsInput> = {}): CourseFieldsInput {
  return {
    title: '上传检查',
    summary: '只接受本人上传的文件',
    cover: null,
    category: 'company_knowledge',
    format: 'article',
    audiences: [],
    durationMinutes: 5,
    tags: [],
    content: { blocks: [{ type: 'paragraph', text: '正文。' }] },
    quiz: {
      passMark: 60,
      attemptLimit: 3,
      requiredForCompletion: false,
      shuffle: false,
      questions: [
        {
          id: 'q1',
          kind: 'true_false',
          prompt: '对吗',
          options: [
            { id: 't', text: '对' },
            { id: 'f', text: '错' },
          ],
          answer: ['t'],
        },
      ],
    },
    ...overrides,
  };
}

beforeAll(async () => {
  await seedMember(TRAINER.openid, 'm:upl-trainer', { roles: [grant('trainer')] });
  await seedMember(ADMIN.openid, 'm:upl-admin', { roles: [grant('admin')] });
  await seedMember(OTHER_ADMIN.openid, 'm:upl-admin2', { roles: [grant('admin')] });
  await insertAll('courses', [courseDoc('course:upl')]);
});

it('course drafts: cover, media and article pictures must be the author’s uploads; kept ones may stay', async () => {
  for (const fileId of lookalikes(TRAINER.openid, 'course-media')) {
    expect(codeOf(await callAction('authoring', 'createCourse', { fields: fields({ cover: fileId }) }, TRAINER))).toBe('INVALID_INPUT');
  }
  const picture = uploadedBy(`${TRAINER.openid}x`, 'course-media');
  expect(
    codeOf(
      await callAction(
        'authoring',
        'createCourse',
        {
          fields: fields({
            content: {
              blocks: [
                { type: 'image', fileID: picture },
                { type: 'paragraph', text: '正文' },
              ],
            },
          }),
        },
        TRAINER,
      ),
    ),
  ).toBe('INVALID_INPUT');
  expect(await countAll('courseAuthoring')).toBe(0);
  const cover = uploadedBy(TRAINER.openid, 'course-media');
  const created = dataOf(await callAction('authoring', 'createCourse', { fields: fields({ cover }) }, TRAINER));
  // Saving again keeps the cover already on the draft; a new one must again be the author's own.
  dataOf(await callAction('authoring', 'saveDraft', { courseId: created.courseId, fields: fields({ cover, summary: '改一下' }) }, TRAINER));
  expect(
    codeOf(
      await callAction('authoring', 'saveDraft', { courseId: created.courseId, fields: fields({ cover: uploadedBy(ADMIN.openid, 'course-media') }) }, TRAINER),
    ),
  ).toBe('INVALID_INPUT');
});

it('series covers', async () => {
  const series = { title: '系列', summary: '', courseIds: ['course:upl'], stepUnlock: false, audiences: [] };
  for (const cover of lookalikes(TRAINER.openid, 'course-media')) {
    expect(codeOf(await callAction('authoring', 'createSeries', { ...series, cover }, TRAINER))).toBe('INVALID_INPUT');
  }
  expect(await countAll('series')).toBe(0);
  const created = dataOf(await callAction('authoring', 'createSeries', { ...series, cover: uploadedBy(TRAINER.openid, 'course-media') }, TRAINER));
  expect(
    codeOf(
      await callAction(
        'authoring',
        'updateSeries',
        { ...series, seriesId: created.seriesId, cover: uploadedBy(`${TRAINER.openid}x`, 'course-media') },
        TRAINER,
      ),
    ),
  ).toBe('INVALID_INPUT');
});

it('campaign covers', async () => {
  const base = { ...campaignFields('2030-01-01', 3), scopeDepartmentId: null };
  for (const [i, cover] of lookalikes(TRAINER.openid, 'campaign-cover').entries()) {
    expect(codeOf(await callAction('campaign', 'create', { ...base, cover, requestId: `upl-campaign-${i}` }, TRAINER))).toBe('INVALID_INPUT');
  }
  expect(await countAll('campaigns')).toBe(0);
  const created = dataOf(
    await callAction('campaign', 'create', { ...base, cover: uploadedBy(TRAINER.openid, 'campaign-cover'), requestId: 'upl-own-campaign' }, TRAINER),
  );
  expect(codeOf(await callAction('campaign', 'update', { campaignId: created.id, cover: uploadedBy(ADMIN.openid, 'campaign-cover') }, TRAINER))).toBe(
    'INVALID_INPUT',
  );
  dataOf(await callAction('campaign', 'update', { campaignId: created.id, cover: created.cover }, TRAINER));
});

it('mall item pictures: the admin’s own uploads; another admin may keep them when editing', async () => {
  const item = itemForm({ name: '笔记本', price: 10, stock: 1 });
  for (const [i, picture] of lookalikes(ADMIN.openid, 'mall-item').entries()) {
    expect(codeOf(await callAction('points', 'createItem', { ...item, pictures: [picture], requestId: `upl-item-${i}` }, ADMIN))).toBe('INVALID_INPUT');
  }
  expect(await countAll('mallItems')).toBe(0);
  const mine = uploadedBy(ADMIN.openid, 'mall-item');
  const created = dataOf(await callAction('points', 'createItem', { ...item, pictures: [mine], requestId: 'upl-item-own' }, ADMIN));
  const theirs = uploadedBy(OTHER_ADMIN.openid, 'mall-item', 'b.jpg');
  dataOf(await callAction('points', 'updateItem', { itemId: created.id, pictures: [mine, theirs] }, OTHER_ADMIN));
  expect(
    codeOf(await callAction('points', 'updateItem', { itemId: created.id, pictures: [mine, theirs, uploadedBy(TRAINER.openid, 'mall-item')] }, OTHER_ADMIN)),
  ).toBe('INVALID_INPUT');
});

it('contest posters', async () => {
  const contest = {
    title: '微课大赛',
    theme: '服务',
    summary: '',
    rules: '',
    eligibility: { everyone: true, departmentIds: [] },
    topics: [{ id: 'free', title: '自选题目' }],
    awards: [{ id: 'best', kind: 'best_overall' as const, name: '最佳微课', points: 10 }],
    rounds: [round('初赛', { submit: ['2030-03-01', '2030-03-05'], judge: ['2030-03-06', '2030-03-08'] }, {})],
  };
  for (const [i, poster] of lookalikes(ADMIN.openid, 'contest-poster').entries()) {
    expect(codeOf(await callAction('contest', 'createContest', { ...contest, poster, requestId: `upl-contest-${i}` }, ADMIN))).toBe('INVALID_INPUT');
  }
  expect(await countAll('contests')).toBe(0);
  const poster = uploadedBy(ADMIN.openid, 'contest-poster');
  const created = dataOf(await callAction('contest', 'createContest', { ...contest, poster, requestId: 'upl-contest-own' }, ADMIN));
  expect(codeOf(await callAction('contest', 'updateContest', { contestId: created.id, poster: uploadedBy(OTHER_ADMIN.openid, 'contest-poster') }, ADMIN))).toBe(
    'INVALID_INPUT',
  );
  dataOf(await callAction('contest', 'updateContest', { contestId: created.id, poster, title: '微课大赛 2030' }, ADMIN));
});
