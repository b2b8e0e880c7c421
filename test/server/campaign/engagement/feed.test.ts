/**
 * The campaign feed through the function's real `main` and real concurrent calls: newest first, featured
 * and day filters, only for members who may see the campaign; likes and comments exact under parallel taps
 * and retries (their counts equal their lists); comments content-checked; feature and review by the
 * campaign's managers only (a scoped trainer outside the campaign's scope is refused).
 */
import type { CampaignCommentDoc, CheckinDoc, CheckinEngagementFields, MemberDoc } from '../../../../typings/domain';
import type { FeedView } from '../../../../typings/functions/campaign-engagement';
import { useTestCloud } from '../../../helpers/local-cloud';
import { grant, insertAll } from '../../../helpers/db';
import { codeOf, dataOf } from '../../../helpers/envelope';
import { freezeClock, setClock } from '../../../helpers/clock';
import { runConcurrently } from '../../../helpers/concurrency';
import { actionOf, beijing, call, campaignFields, makeCampaign, openidOf, readDoc, readWhere, requestId, seedMembers, seedTrainer } from '../helpers';
import { checkInOn, signUpAll } from './helpers';

jest.setTimeout(120_000);

const SALES = 'dept:总部/销售部';
const SALES_PATH = ['总部', '销售部'];

const cloud = useTestCloud();
let trainer: MemberDoc;

beforeAll(async () => {
  await insertAll('departments', [{ _id: SALES, name: '销售部', path: SALES_PATH, parentId: 'dept:总部' }]);
  trainer = await seedTrainer('m:feed-trainer', { departmentId: SALES, departmentPath: SALES_PATH });
});

afterEach(() => {
  jest.useRealTimers();
  cloud.openapi.setBlockList({ text: [], imageSha256: [] });
});

type Stored = CheckinDoc & CheckinEngagementFields;

/** The count on the check-in equals its list, which holds no duplicates. */
async function expectLikesExact(checkinId: string, expected: number): Promise<void> {
  const stored = (await readDoc<Stored>('campaignCheckins', checkinId)) as Stored;
  expect(stored.likeCount).toBe(expected);
  expect(new Set(stored.likedBy ?? []).size).toBe(expected);
  expect(stored.likedBy ?? []).toHaveLength(expected);
}

async function expectCommentsExact(checkinId: string): Promise<number> {
  const stored = (await readDoc<Stored>('campaignCheckins', checkinId)) as Stored;
  const live = await readWhere<CampaignCommentDoc>('campaignComments', { checkinId, deleted: false });
  expect([...(stored.commentIds ?? [])].sort()).toEqual(live.map((comment) => comment._id).sort());
  expect(stored.commentCount).toBe(live.length);
  return live.length;
}

async function salesCampaign(tag: string, startDay: string, members: number) {
  // Managed within 销售部, so a trainer scoped to it manages it too.
  const campaign = await makeCampaign(
    trainer,
    campaignFields(startDay, 5, { departmentIds: [SALES], title: `销售打卡 ${tag}` }),
    beijing(startDay, '08:00'),
    true,
    SALES,
  );
  const people = await seedMembers(
    Array.from({ length: members }, (_, i) => `m:feed-${tag}-${i}`),
    { departmentId: SALES, departmentPath: SALES_PATH },
  );
  await signUpAll(campaign, people, beijing(startDay, '08:00'));
  return { campaign, people };
}

describe('the feed', () => {
  it('lists check-ins newest first, by day, and the featured ones; only members who may see the campaign', async () => {
    const { campaign, people } = await salesCampaign('list', '2026-04-01', 3);
    const [a, b, c] = people as [MemberDoc, MemberDoc, MemberDoc];
    const first = await checkInOn(campaign, a, '2026-04-01', '08:00');
    const second = await checkInOn(campaign, b, '2026-04-01', '09:00');
    const third = await checkInOn(campaign, c, '2026-04-02', '07:30');
    const fourth = await checkInOn(campaign, a, '2026-04-02', '21:00');
    freezeClock(beijing('2026-04-02', '22:00'));
    const all = dataOf(await call('feed', { campaignId: campaign._id, pageSize: 3 }, b._id));
    expect(all.items.map((item) => item.id)).toEqual([fourth._id, third._id, second._id]);
    expect(all).toMatchObject({ total: 4, hasMore: true, canManage: false });
    expect(all.items[0]).toMatchObject({ memberName: '测试员工', dayIndex: 2, mine: false, likedByMe: false, featured: false, featuredAt: null, review: null });
    expect(all.items[2]).toMatchObject({ id: second._id, mine: true });
    expect(dataOf(await call('feed', { campaignId: campaign._id, pageSize: 3, page: 2 }, b._id)).items.map((item) => item.id)).toEqual([first._id]);
    expect(dataOf(await call('feed', { campaignId: campaign._id, day: '2026-04-01' }, b._id)).items.map((item) => item.id)).toEqual([second._id, first._id]);

    // Featured: newest featured first; featuring again keeps its place; un-featuring removes it.
    const featured = dataOf(await call('feature', { checkinId: first._id, featured: true }, trainer._id));
    expect(featured).toMatchObject({ id: first._id, featured: true, featuredAt: beijing('2026-04-02', '22:00').toISOString() });
    freezeClock(beijing('2026-04-02', '22:05'));
    dataOf(await call('feature', { checkinId: third._id, featured: true }, trainer._id));
    expect(dataOf(await call('feature', { checkinId: first._id, featured: true }, trainer._id)).featuredAt).toBe(featured.featuredAt);
    const list = (answer: FeedView) => answer.items.map((item) => item.id);
    expect(list(dataOf(await call('feed', { campaignId: campaign._id, filter: 'featured' }, c._id)))).toEqual([third._id, first._id]);
    dataOf(await call('feature', { checkinId: third._id, featured: false }, trainer._id));
    expect(list(dataOf(await call('feed', { campaignId: campaign._id, filter: 'featured' }, c._id)))).toEqual([first._id]);
    expect(dataOf(await call('feed', { campaignId: campaign._id }, trainer._id)).canManage).toBe(true);

    // A member outside the campaign's departments does not see it, nor its check-ins.
    const [outsider] = await seedMembers(['m:feed-outsider']);
    expect(codeOf(await call('feed', { campaignId: campaign._id }, outsider!._id))).toBe('NOT_FOUND');
    expect(codeOf(await call('like', { checkinId: first._id }, outsider!._id))).toBe('NOT_FOUND');
    expect(codeOf(await call('comments', { checkinId: first._id }, outsider!._id))).toBe('NOT_FOUND');
    expect(codeOf(await call('like', { checkinId: `${campaign._id}:nobody:2026-04-01` }, a._id))).toBe('NOT_FOUND');
  });

  it('lets the campaign’s managers feature and review, content-checked; nobody else', async () => {
    const { campaign, people } = await salesCampaign('review', '2026-04-10', 2);
    const [author, peer] = people as [MemberDoc, MemberDoc];
    const checkin = await checkInOn(campaign, author, '2026-04-10');
    freezeClock(beijing('2026-04-10', '20:00'));
    // A trainer of another branch, eligible to see the campaign as a member, manages nothing in it.
    const [branchTrainer] = await seedMembers(['m:feed-branch-trainer'], {
      departmentId: SALES,
      departmentPath: SALES_PATH,
      roles: [grant('trainer', 'dept:分公司')],
    });
    expect(codeOf(await call('feature', { checkinId: checkin._id, featured: true }, peer._id))).toBe('FORBIDDEN');
    expect(codeOf(await call('feature', { checkinId: checkin._id, featured: true }, branchTrainer!._id))).toBe('FORBIDDEN');
    expect(codeOf(await call('review', { checkinId: checkin._id, text: '很好' }, branchTrainer!._id))).toBe('FORBIDDEN');
    cloud.openapi.setBlockList({ text: ['违禁词'], imageSha256: [] });
    expect(codeOf(await call('review', { checkinId: checkin._id, text: '含违禁词的点评' }, trainer._id))).toBe('CONTENT_REJECTED');
    expect((await readDoc<CheckinDoc>('campaignCheckins', checkin._id))?.review).toBeNull();
    const reviewed = dataOf(await call('review', { checkinId: checkin._id, text: '结论先行，写得很清楚！' }, trainer._id));
    expect(reviewed.review).toEqual({ text: '结论先行，写得很清楚！', reviewerName: '培训师', at: beijing('2026-04-10', '20:00').toISOString() });
    expect(dataOf(await call('feed', { campaignId: campaign._id }, peer._id)).items[0]?.review?.text).toBe('结论先行，写得很清楚！');
    // A scoped trainer of the campaign's own department manages it.
    const [salesTrainer] = await seedMembers(['m:feed-sales-trainer'], { departmentId: SALES, departmentPath: SALES_PATH, roles: [grant('trainer', SALES)] });
    expect(dataOf(await call('review', { checkinId: checkin._id, text: '' }, salesTrainer!._id)).review).toBeNull();
    expect(dataOf(await call('feature', { checkinId: checkin._id, featured: true }, salesTrainer!._id)).featured).toBe(true);
  });
});

describe('likes', () => {
  it('counts one like per member however many parallel taps, and unlikes exactly', async () => {
    const { campaign, people } = await salesCampaign('likes', '2026-04-20', 30);
    const checkin = await checkInOn(campaign, people[0] as MemberDoc, '2026-04-20');
    freezeClock(beijing('2026-04-20', '12:00'));
    const like = actionOf('like');
    const unlike = actionOf('unlike');
    // 30 members at once, each tapping 4 times in parallel: 120 requests on one check-in, no conflict.
    const codes = await Promise.all(
      people.flatMap((member) => Array.from({ length: 4 }, () => runConcurrently(like, { checkinId: checkin._id }, openidOf(member._id)))),
    );
    expect(new Set(codes)).toEqual(new Set(['OK']));
    await expectLikesExact(checkin._id, 30);
    // Half unlike (tapping 3 times each) while the other half like again.
    const mixed = await Promise.all(
      people.flatMap((member, i) =>
        Array.from({ length: 3 }, () => runConcurrently(i % 2 === 0 ? unlike : like, { checkinId: checkin._id }, openidOf(member._id))),
      ),
    );
    expect(new Set(mixed)).toEqual(new Set(['OK']));
    await expectLikesExact(checkin._id, 15);
    const viewer = people[1] as MemberDoc;
    expect(dataOf(await call('like', { checkinId: checkin._id }, viewer._id))).toEqual({ checkinId: checkin._id, liked: true, likeCount: 15 });
    expect(dataOf(await call('feed', { campaignId: campaign._id }, viewer._id)).items[0]).toMatchObject({ likeCount: 15, likedByMe: true });
    expect(dataOf(await call('feed', { campaignId: campaign._id }, (people[0] as MemberDoc)._id)).items[0]).toMatchObject({ likedByMe: false });
    expect(dataOf(await call('unlike', { checkinId: checkin._id }, viewer._id))).toEqual({ checkinId: checkin._id, liked: false, likeCount: 14 });
    expect(dataOf(await call('unlike', { checkinId: checkin._id }, viewer._id)).likeCount).toBe(14);
    await expectLikesExact(checkin._id, 14);
  });
});

describe('comments', () => {
  it('checks the content, answers a retried request once, and counts parallel comments exactly', async () => {
    const { campaign, people } = await salesCampaign('comments', '2026-05-01', 30);
    const checkin = await checkInOn(campaign, people[0] as MemberDoc, '2026-05-01');
    freezeClock(beijing('2026-05-01', '12:00'));
    const [author, other] = people as [MemberDoc, MemberDoc];

    cloud.openapi.setBlockList({ text: ['违禁词'], imageSha256: [] });
    expect(codeOf(await call('comment', { checkinId: checkin._id, text: '这里有违禁词', requestId: requestId() }, author._id))).toBe('CONTENT_REJECTED');
    expect(await readWhere('campaignComments', { checkinId: checkin._id })).toEqual([]);
    expect(await expectCommentsExact(checkin._id)).toBe(0);

    // The same request sent 10 times in parallel: one comment, counted once.
    const same = requestId();
    const repeats = await Promise.all(
      Array.from({ length: 10 }, () =>
        runConcurrently(actionOf('comment'), { checkinId: checkin._id, text: '打卡真棒', requestId: same }, openidOf(author._id)),
      ),
    );
    expect(new Set(repeats)).toEqual(new Set(['OK']));
    expect(await expectCommentsExact(checkin._id)).toBe(1);

    // 30 members commenting at once, 2 comments each (a minute later: the first comment stays first).
    setClock(beijing('2026-05-01', '12:01'));
    const burst = await Promise.all(
      people.flatMap((member, i) =>
        [0, 1].map((k) =>
          runConcurrently(actionOf('comment'), { checkinId: checkin._id, text: `第 ${i}-${k} 条评论`, requestId: `burst-${i}-${k}` }, openidOf(member._id)),
        ),
      ),
    );
    expect(new Set(burst)).toEqual(new Set(['OK']));
    expect(await expectCommentsExact(checkin._id)).toBe(61);
    const page = dataOf(await call('comments', { checkinId: checkin._id, pageSize: 5 }, other._id));
    expect(page).toMatchObject({ total: 61, hasMore: true });
    expect(page.items[0]).toMatchObject({ text: '打卡真棒', memberId: author._id, mine: false, canDelete: false });

    // Delete: own only (a manager may delete any); a repeat changes nothing.
    const mine = dataOf(await call('comment', { checkinId: checkin._id, text: '我自己的评论', requestId: requestId() }, other._id));
    expect(mine.commentCount).toBe(62);
    expect(codeOf(await call('deleteComment', { commentId: mine.comment.id }, author._id))).toBe('FORBIDDEN');
    expect(dataOf(await call('deleteComment', { commentId: mine.comment.id }, other._id))).toEqual({
      commentId: mine.comment.id,
      checkinId: checkin._id,
      commentCount: 61,
    });
    expect(dataOf(await call('deleteComment', { commentId: mine.comment.id }, other._id)).commentCount).toBe(61);
    const firstComment = page.items[0]!;
    expect(dataOf(await call('deleteComment', { commentId: firstComment.id }, trainer._id)).commentCount).toBe(60);
    expect(await expectCommentsExact(checkin._id)).toBe(60);
    expect(dataOf(await call('feed', { campaignId: campaign._id }, other._id)).items[0]?.commentCount).toBe(60);
    expect(codeOf(await call('deleteComment', { commentId: 'cc:none' }, other._id))).toBe('NOT_FOUND');
  });
});

describe('cost and bad input', () => {
  /**
   * Database operations (the local cloud counts them; CloudBase bills and throttles per operation), from the
   * code paths: the guard reads the caller's member (1, server/core/caller.ts); the check-in, its campaign and
   * the caller's enrollment (3); a like is one conditional update and one read of the count (2) = 6. A comment
   * adds the earlier-comment read (1), the insert-once transaction (start, read, add, commit = 4) and the
   * counting update and read (2) = 11.
   */
  it('likes in 6 database operations and comments in 11', async () => {
    const { campaign, people } = await salesCampaign('ops', '2026-05-10', 2);
    const checkin = await checkInOn(campaign, people[0] as MemberDoc, '2026-05-10');
    freezeClock(beijing('2026-05-10', '12:00'));
    const operations = async (run: () => Promise<string>) => {
      cloud.actions.reset();
      expect(await run()).toBe('OK');
      return cloud.actions.databaseOperations();
    };
    const liker = openidOf((people[1] as MemberDoc)._id);
    expect(await operations(() => runConcurrently(actionOf('like'), { checkinId: checkin._id }, liker))).toBe(6);
    expect(await operations(() => runConcurrently(actionOf('like'), { checkinId: checkin._id }, liker))).toBe(6);
    expect(await operations(() => runConcurrently(actionOf('comment'), { checkinId: checkin._id, text: '赞', requestId: requestId() }, liker))).toBe(11);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { campaign, people } = await salesCampaign('bad', '2026-05-20', 1);
    const author = people[0] as MemberDoc;
    const checkin = await checkInOn(campaign, author, '2026-05-20');
    freezeClock(beijing('2026-05-20', '12:00'));
    const refusals = [
      await call('comment', { checkinId: checkin._id, text: '   ', requestId: requestId() }, author._id),
      await call('comment', { checkinId: checkin._id, text: '长'.repeat(501), requestId: requestId() }, author._id),
      await call('comment', { checkinId: checkin._id, text: '好', requestId: 'short' }, author._id),
      await call('review', { checkinId: checkin._id, text: '长'.repeat(501) }, trainer._id),
      await call('feed', { campaignId: campaign._id, pageSize: 51 }, author._id),
      await call('dashboardMembers', { campaignId: campaign._id, sort: 'by_name' as never }, trainer._id),
    ];
    for (const answer of refusals) expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/参数|请填写/) });
    expect(await readDoc<Stored>('campaignCheckins', checkin._id)).toMatchObject({ commentCount: 0, review: null });
    expect(await readWhere('campaignComments', { checkinId: checkin._id })).toEqual([]);
  });
});
