/**
 * Take-away files (课后资料) of courses through the real functions and the local cloud: what an author may
 * attach (types, sizes, counts, their own `course-file` uploads only), a published course's files changing
 * only when the new revision passes review, the download URL (`course.fileUrl`) given only to a member the
 * course is for (and to the reviewers of a revision, `authoring.reviewFileUrl`), in a fixed number of database
 * operations, and the storage cleanup deleting a file a course dropped once nothing holds it.
 */
import type { CourseDoc, CourseRevisionDoc, TakeawayFileDoc } from '../../../typings/domain';
import type { RevisionView } from '../../../typings/functions/authoring';
import { TAKEAWAY_LIMITS } from '../../../typings/takeaway-files';
import { getCloud } from '../../../server/core/cloud';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, readDoc, readWhere, seedMember, testDb } from '../../helpers/db';
import { cleanUp } from '../../../server/storageCleanup/actions';
import { codeOf, dataOf } from '../../helpers/envelope';
import { uploadedBy } from '../../helpers/uploads';
import { articleFields } from '../../helpers/course-fields';

jest.setTimeout(120_000);

const cloud = useTestCloud();
const AUTHOR = { openid: 'o-cf-author' };
const OTHER = { openid: 'o-cf-other' };
const REVIEWERS = [{ openid: 'o-cf-rev-1' }, { openid: 'o-cf-rev-2' }];
/** The course is for external partners: PARTNER is one, STAFF is not. */
const PARTNER = { openid: 'o-cf-partner' };
const STAFF = { openid: 'o-cf-staff' };

async function upload(openid: string, name: string, content: string): Promise<TakeawayFileDoc> {
  const fileContent = Buffer.from(content);
  const { fileID } = (await getCloud().uploadFile({ cloudPath: `uploads/${openid}/course-file/${name}`, fileContent })) as { fileID: string };
  const fileType = name.endsWith('.pdf') ? 'pdf' : 'xlsx';
  return { name, fileID, fileType, size: fileContent.length };
}

async function publish(view: RevisionView): Promise<void> {
  const submitted = dataOf(await callAction('authoring', 'submitForReview', { courseId: view.courseId }, AUTHOR));
  for (const review of submitted.reviews) {
    const reviewer = REVIEWERS.find((_, index) => review.reviewerId === `m:cf-rev-${index + 1}`) as { openid: string };
    dataOf(
      await callAction(
        'authoring',
        'scoreReview',
        { revisionId: submitted.revisionId, scores: { accuracy: 5, structure: 5, engagement: 5 }, notes: '' },
        reviewer,
      ),
    );
  }
}

let handout: TakeawayFileDoc;
let sheet: TakeawayFileDoc;
let courseId = '';

beforeAll(async () => {
  await seedMember(AUTHOR.openid, 'm:cf-author', { name: '作者', roles: [grant('trainer')] });
  await seedMember(OTHER.openid, 'm:cf-other', { name: '另一讲师', roles: [grant('trainer')] });
  for (const [index, reviewer] of REVIEWERS.entries()) await seedMember(reviewer.openid, `m:cf-rev-${index + 1}`, { roles: [grant('reviewer')] });
  await seedMember(PARTNER.openid, 'm:cf-partner', { external: true });
  await seedMember(STAFF.openid, 'm:cf-staff');
  handout = await upload(AUTHOR.openid, '安全手册.pdf', '%PDF-1.4 handout');
  sheet = await upload(AUTHOR.openid, '检查清单.xlsx', 'sheet bytes');
});

describe('attaching files', () => {
  it('refuses a file of another type, too large, one too many, twice the same, or not the author’s own course-file upload, and writes nothing', async () => {
    const refusals: [TakeawayFileDoc[], string | RegExp][] = [
      [[{ ...handout, fileType: 'zip' as TakeawayFileDoc['fileType'] }], /fileType/],
      [[{ ...handout, size: TAKEAWAY_LIMITS.fileBytes + 1 }], /size/],
      [Array.from({ length: TAKEAWAY_LIMITS.files + 1 }, (_, index) => ({ ...handout, fileID: `${handout.fileID}-${index}` })), /files/],
      [[handout, handout], '同一个文件不能添加两次'],
      [[{ ...handout, fileID: uploadedBy(OTHER.openid, 'course-file', 'x.pdf') }], '文件必须是你本人刚上传的，请重新上传后再提交'],
      [[{ ...handout, fileID: uploadedBy(AUTHOR.openid, 'course-media', 'x.pdf') }], '文件必须是你本人刚上传的，请重新上传后再提交'],
    ];
    for (const [files, message] of refusals) {
      const answer = await callAction('authoring', 'createCourse', { fields: articleFields({ files }) }, AUTHOR);
      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: typeof message === 'string' ? message : expect.stringMatching(message) });
    }
    expect(await readWhere('courseRevisions')).toEqual([]);
  });

  it('publishes the files with the course; a change to a published course’s files waits for its review like any field', async () => {
    const created = dataOf(
      await callAction('authoring', 'createCourse', { fields: articleFields({ audiences: ['external_partner'], files: [handout] }) }, AUTHOR),
    );
    courseId = created.courseId;
    expect(created.fields.files).toEqual([handout]);
    await publish(created);
    expect((await readDoc<CourseDoc>('courses', courseId))?.files).toEqual([handout]);

    // The author changes the files: a new draft revision holds them, learners still get the published ones.
    const draft = dataOf(
      await callAction('authoring', 'saveDraft', { courseId, fields: articleFields({ audiences: ['external_partner'], files: [sheet, handout] }) }, AUTHOR),
    );
    expect(draft).toMatchObject({ revision: 2, status: 'draft', fields: { files: [sheet, handout] } });
    expect((await readDoc<CourseDoc>('courses', courseId))?.files).toEqual([handout]);
    expect(dataOf(await callAction('course', 'detail', { courseId }, PARTNER)).files).toEqual([{ name: handout.name, fileType: 'pdf', size: handout.size }]);
    // Another trainer over the course may keep the author's files and add their own, but not someone else's.
    const stranger = await upload(STAFF.openid, '外来.pdf', '%PDF-1.4 other');
    expect(
      codeOf(
        await callAction('authoring', 'saveDraft', { courseId, fields: articleFields({ audiences: ['external_partner'], files: [sheet, stranger] }) }, OTHER),
      ),
    ).toBe('INVALID_INPUT');
    expect((await readDoc<CourseRevisionDoc>('courseRevisions', `${courseId}:2`))?.fields.files).toEqual([sheet, handout]);

    await publish(draft);
    expect((await readDoc<CourseDoc>('courses', courseId))?.files).toEqual([sheet, handout]);
    expect(dataOf(await callAction('course', 'detail', { courseId }, PARTNER)).files.map((file) => file.name)).toEqual([sheet.name, handout.name]);

    // Removing every file is a change like any other: after review the course has none.
    const none = dataOf(
      await callAction('authoring', 'saveDraft', { courseId, fields: articleFields({ audiences: ['external_partner'], files: [] }) }, AUTHOR),
    );
    expect(none.fields.files ?? []).toEqual([]);
    expect((await readDoc<CourseDoc>('courses', courseId))?.files).toHaveLength(2);
  });
});

describe('opening a file', () => {
  it('gives a member the course is for a download URL of the file, in three database operations', async () => {
    cloud.actions.reset();
    const file = dataOf(await callAction('course', 'fileUrl', { courseId, index: 1 }, PARTNER));
    // The guard's member, the course, the media gate (in no series: no lock read); getTempFileURL is storage's.
    expect(cloud.actions.databaseOperations()).toBe(3);
    expect(file).toMatchObject({ name: handout.name, fileType: 'pdf', size: handout.size, url: expect.stringMatching(/^http/) });
    const downloaded = await fetch(file.url);
    expect(Buffer.from(await downloaded.arrayBuffer()).toString()).toBe('%PDF-1.4 handout');
  });

  it('refuses a member outside the course’s audience as if the course did not exist, and an index without a file', async () => {
    expect(await callAction('course', 'fileUrl', { courseId, index: 0 }, STAFF)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: '课程不存在或未对你开放',
    });
    expect(codeOf(await callAction('course', 'detail', { courseId }, STAFF))).toBe('NOT_FOUND');
    expect(await callAction('course', 'fileUrl', { courseId, index: 2 }, PARTNER)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: '资料不存在，请刷新课程后再试',
    });
    expect(codeOf(await callAction('course', 'fileUrl', { courseId, index: -1 }, PARTNER))).toBe('INVALID_INPUT');
  });
});

describe('reviewing a file', () => {
  it('gives a reviewer of the revision a download URL of its file, in three database operations, and nobody else', async () => {
    const file = await upload(AUTHOR.openid, '评审材料.pdf', '%PDF-1.4 for review');
    const created = dataOf(await callAction('authoring', 'createCourse', { fields: articleFields({ files: [file] }) }, AUTHOR));
    const submitted = dataOf(await callAction('authoring', 'submitForReview', { courseId: created.courseId }, AUTHOR));
    const reviewer = REVIEWERS[0] as { openid: string };
    expect(submitted.reviews.map((review) => review.reviewerId)).toContain('m:cf-rev-1');
    cloud.actions.reset();
    const opened = dataOf(await callAction('authoring', 'reviewFileUrl', { revisionId: submitted.revisionId, index: 0 }, reviewer));
    // The guard's member, the revision, the media gate; getTempFileURL is storage's.
    expect(cloud.actions.databaseOperations()).toBe(3);
    expect(opened).toMatchObject({ name: file.name, fileType: 'pdf', size: file.size, url: expect.stringMatching(/^http/) });
    expect(Buffer.from(await (await fetch(opened.url)).arrayBuffer()).toString()).toBe('%PDF-1.4 for review');

    expect(await callAction('authoring', 'reviewFileUrl', { revisionId: submitted.revisionId, index: 1 }, reviewer)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: '资料不存在，请刷新后再试',
    });
    // The author is no reviewer; a reviewer of another revision is refused by the scope matrix (test/server/authorization-scope-matrix.test.ts).
    expect(codeOf(await callAction('authoring', 'reviewFileUrl', { revisionId: submitted.revisionId, index: 0 }, AUTHOR))).toBe('FORBIDDEN');
    expect(codeOf(await callAction('authoring', 'reviewFileUrl', { revisionId: submitted.revisionId, index: 10 }, reviewer))).toBe('INVALID_INPUT');
  });
});

describe('storage cleanup', () => {
  const fields = (files: TakeawayFileDoc[]) => articleFields({ audiences: ['external_partner'], files });
  const later = () => new Date(Date.now() + 2 * 24 * 3600_000);
  async function stored(file: TakeawayFileDoc): Promise<boolean> {
    const { fileList } = (await getCloud().getTempFileURL({ fileList: [file.fileID] })) as { fileList: { status: number }[] };
    return fileList[0]?.status === 0;
  }

  it('deletes a file a course dropped once nothing holds it; while the course or an open revision does, it stays', async () => {
    // Revision 3 keeps only the handout: publishing it drops the sheet.
    const third = dataOf(await callAction('authoring', 'saveDraft', { courseId, fields: fields([handout]) }, AUTHOR));
    expect(await readWhere('releasedFiles')).toEqual([]);
    await publish(third);
    expect(await readWhere('releasedFiles')).toEqual([expect.objectContaining({ fileID: sheet.fileID, courseId })]);
    // Not a day later yet: nothing goes.
    expect(await cleanUp(testDb(), getCloud(), new Date())).toEqual({ deleted: 0, expired: 0 });
    expect(await cleanUp(testDb(), getCloud(), later())).toEqual({ deleted: 1, expired: 0 });
    expect([await stored(sheet), await stored(handout)]).toEqual([false, true]);
    expect(await readWhere('releasedFiles')).toEqual([]);

    // A draft dropping the handout: the published course still holds it, so the file stays and the record goes.
    dataOf(await callAction('authoring', 'saveDraft', { courseId, fields: fields([handout]) }, AUTHOR));
    const fourth = dataOf(await callAction('authoring', 'saveDraft', { courseId, fields: fields([]) }, AUTHOR));
    expect(await readWhere('releasedFiles')).toEqual([expect.objectContaining({ fileID: handout.fileID })]);
    expect(await cleanUp(testDb(), getCloud(), later())).toEqual({ deleted: 0, expired: 0 });
    expect(await stored(handout)).toBe(true);
    expect(await readWhere('releasedFiles')).toEqual([]);

    // Publishing that draft drops it from the course too: nothing holds it any more.
    await publish(fourth);
    expect(await cleanUp(testDb(), getCloud(), later())).toEqual({ deleted: 1, expired: 0 });
    expect(await stored(handout)).toBe(false);
    expect(await readWhere('releasedFiles')).toEqual([]);
  });
});
