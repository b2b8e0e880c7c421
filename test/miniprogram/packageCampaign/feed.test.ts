/**
 * 打卡动态: check-ins with pictures, featured mark and 点评; likes; comments with the content check's refusal
 * shown and a requestId reused on retry; the featured filter; a manager features and reviews from here.
 */
import { failure, ok } from '../wx-stub';
import { activeTab, settle, switchTab, tap, wxStub, type RenderedComponent, openPage, text, texts, page, fieldTarget } from '../harness';
import { backend, callsOf, checkin } from '../../helpers/pages/campaign';
import type { Answer } from '../../helpers/backend';
import type { CommentView, FeedItem, FeedView } from '../../../typings/functions/campaign-engagement';

function item(n: number, overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    ...checkin({ id: `c1:m${n}:2026-03-07`, memberId: `m${n}`, memberName: `成员${n}` }),
    teamName: null,
    memberLevel: null,
    featuredAt: null,
    likedByMe: false,
    mine: false,
    ...overrides,
  };
}

function feed(items: FeedItem[], canManage = false): FeedView {
  return { ...page(items), canManage };
}

function comment(n: number, overrides: Partial<CommentView> = {}): CommentView {
  return {
    id: `k${n}`,
    checkinId: 'c1:m1:2026-03-07',
    memberId: 'm9',
    memberName: `评论人${n}`,
    text: `说得好 ${n}`,
    createdAt: '2026-03-07T13:00:00.000Z',
    mine: false,
    canDelete: false,
    ...overrides,
  };
}

const open = () => openPage('packageCampaign/feed/index', { id: 'c1' });

async function type(page: RenderedComponent, selector: string, value: string, simulate: typeof import('miniprogram-simulate')) {
  fieldTarget(page.querySelector(selector)!).dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}

test('shows check-ins with pictures, team, make-up mark, featured mark and the review', async () => {
  backend({
    feed: () =>
      ok(
        feed([
          item(1, {
            pictures: ['cloud://local-bucket/campaign-checkins/c1/1.jpg'],
            teamName: '红队',
            featured: true,
            review: { text: '写得很好，继续保持', reviewerName: '王培训', at: '2026-03-07T14:00:00.000Z' },
          }),
          item(2, { kind: 'made_up', day: '2026-03-05', dayIndex: 5 }),
        ]),
      ),
  });
  const { page: feedPage } = await open();
  expect(callsOf('feed')).toEqual([{ action: 'feed', campaignId: 'c1', page: 1, pageSize: 10, filter: 'all' }]);
  const cards = feedPage.querySelectorAll('.checkin');
  expect(cards).toHaveLength(2);
  expect(texts(feedPage.querySelectorAll('.author'))).toEqual(['成员1', '成员2']);
  expect(text(feedPage.querySelector('.team'))).toBe('红队');
  expect(feedPage.querySelectorAll('.featured')).toHaveLength(1);
  expect(feedPage.querySelectorAll('.made-up')).toHaveLength(1);
  expect(texts(feedPage.querySelectorAll('.day'))).toEqual(['第 7 天 · 2026-03-07 · 2026-03-07 20:00', '第 5 天 · 2026-03-05 · 2026-03-07 20:00']);
  expect(feedPage.querySelectorAll('.picture')).toHaveLength(1);
  expect(text(feedPage.querySelector('.review'))).toBe('王培训 点评：写得很好，继续保持');
  // Members who do not manage see no manager actions.
  expect(feedPage.querySelector('.feature')).toBeFalsy();
});

test('the author reads which of their pictures the content check has not passed; others see no note', async () => {
  backend({
    feed: () =>
      ok(
        feed([
          item(1, {
            mine: true,
            pictures: ['cloud://b/1.jpg', 'cloud://b/2.jpg', 'cloud://b/3.jpg'],
            mediaReview: { 'cloud://b/2.jpg': 'pending', 'cloud://b/3.jpg': 'rejected' },
          }),
          item(2, { pictures: ['cloud://b/4.jpg'] }),
        ]),
      ),
  });
  const { page: feedPage } = await open();
  expect(texts(feedPage.querySelectorAll('.media-note'))).toEqual(['1 张图片审核中，1 张图片未通过审核，仅你可见']);
});

test('liking and unliking show the answered count', async () => {
  backend({
    feed: () => ok(feed([item(1, { likeCount: 2 })])),
    like: () => ok({ checkinId: 'c1:m1:2026-03-07', liked: true, likeCount: 3 }),
    unlike: () => ok({ checkinId: 'c1:m1:2026-03-07', liked: false, likeCount: 2 }),
  });
  const { page: feedPage, simulate } = await open();
  expect(text(feedPage.querySelector('.like'))).toBe('点赞 2');
  await tap(simulate, feedPage.querySelector('.like')!);
  await settle(simulate);
  expect(text(feedPage.querySelector('.like'))).toBe('已赞 3');
  await tap(simulate, feedPage.querySelector('.like')!);
  await settle(simulate);
  expect(text(feedPage.querySelector('.like'))).toBe('点赞 2');
  expect(callsOf('like')).toEqual([{ action: 'like', checkinId: 'c1:m1:2026-03-07' }]);
  expect(callsOf('unlike')).toEqual([{ action: 'unlike', checkinId: 'c1:m1:2026-03-07' }]);
});

test('comments open, a rejected comment says why and keeps the text, a retry after a network failure reuses the requestId', async () => {
  const answers = [
    failure('CONTENT_REJECTED', '内容含有违规信息，请修改后再提交'),
    { networkError: 'timeout' } as const,
    ok({ comment: comment(2, { mine: true, canDelete: true, text: '我也觉得很好' }), commentCount: 2 }),
  ];
  backend({
    feed: () => ok(feed([item(1, { commentCount: 1 })])),
    comments: () => ok(page([comment(1)])),
    comment: () => answers.shift()!,
    deleteComment: () => ok({ commentId: 'k2', checkinId: 'c1:m1:2026-03-07', commentCount: 1 }),
  });
  const { page: feedPage, simulate } = await open();
  await tap(simulate, feedPage.querySelector('.comments-toggle')!);
  await settle(simulate);
  expect(callsOf('comments')).toEqual([{ action: 'comments', checkinId: 'c1:m1:2026-03-07', page: 1, pageSize: 20 }]);
  expect(texts(feedPage.querySelectorAll('.comment'))).toEqual(['评论人1：说得好 1']);

  await tap(simulate, feedPage.querySelector('.send-comment')!);
  expect(text(feedPage.querySelector('.comment-error'))).toBe('请填写评论内容');

  await type(feedPage, '.comment-input', '不当言论', simulate);
  await tap(simulate, feedPage.querySelector('.send-comment')!);
  await settle(simulate);
  expect(text(feedPage.querySelector('.comment-error'))).toBe('内容含有违规信息，请修改后再发布');

  await type(feedPage, '.comment-input', '我也觉得很好', simulate);
  await tap(simulate, feedPage.querySelector('.send-comment')!);
  await settle(simulate);
  expect(text(feedPage.querySelector('.comment-error'))).toContain('网络连接失败');
  await tap(simulate, feedPage.querySelector('.send-comment')!);
  await settle(simulate);
  const sent = callsOf('comment');
  expect(sent.map((call) => call.text)).toEqual(['不当言论', '我也觉得很好', '我也觉得很好']);
  expect(sent[0]?.requestId).not.toBe(sent[1]?.requestId);
  expect(sent[1]?.requestId).toBe(sent[2]?.requestId);
  expect(texts(feedPage.querySelectorAll('.comment'))).toEqual(['评论人1：说得好 1', '评论人2：我也觉得很好删除']);
  expect(text(feedPage.querySelector('.comments-toggle'))).toBe('评论 2');

  await tap(simulate, feedPage.querySelector('.delete-comment')!);
  await settle(simulate);
  expect(callsOf('deleteComment')).toEqual([{ action: 'deleteComment', commentId: 'k2' }]);
  expect(feedPage.querySelectorAll('.comment')).toHaveLength(1);
  expect(text(feedPage.querySelector('.comments-toggle'))).toBe('评论 1');
});

test('the 精选 filter asks for featured check-ins', async () => {
  backend({ feed: (call) => ok(feed(call.event.filter === 'featured' ? [] : [item(1)])) });
  const { page: feedPage, simulate } = await open();
  await switchTab(simulate, feedPage, 1, '#filters');
  await settle(simulate);
  expect(callsOf('feed').map((call) => call.filter)).toEqual(['all', 'featured']);
  expect(text(feedPage)).toContain('还没有精选的打卡');
  expect(activeTab(feedPage, '#filters')).toBe('精选');
});

test('opened on 精选 (filter=featured), that filter is the active tab and the first request', async () => {
  backend({ feed: () => ok(feed([])) });
  const { page: feedPage } = await openPage('packageCampaign/feed/index', { id: 'c1', filter: 'featured' });
  expect(activeTab(feedPage, '#filters')).toBe('精选');
  expect(callsOf('feed').map((call) => call.filter)).toEqual(['featured']);
});

test('a manager features, reviews (content-checked) and removes a review from the feed', async () => {
  let reviewAnswer: Answer<FeedItem> = failure('CONTENT_REJECTED', '内容含有违规信息，请修改后再提交');
  backend({
    feed: () => ok(feed([item(1)], true)),
    feature: () => ok(item(1, { featured: true })),
    review: (call) => (call.event.text === '' ? ok(item(1, { review: null })) : reviewAnswer),
  });
  const { page: feedPage, simulate } = await open();
  await tap(simulate, feedPage.querySelector('.feature')!);
  await settle(simulate);
  expect(callsOf('feature')).toEqual([{ action: 'feature', checkinId: 'c1:m1:2026-03-07', featured: true }]);
  expect(feedPage.querySelectorAll('.featured')).toHaveLength(1);
  expect(text(feedPage.querySelector('.feature'))).toBe('取消精选');
  expect(wxStub().toasts).toEqual(['已设为精选']);

  await tap(simulate, feedPage.querySelector('.start-review')!);
  await type(feedPage, '.review-input', '坏词', simulate);
  await tap(simulate, feedPage.querySelector('.save-review')!);
  await settle(simulate);
  expect(text(feedPage.querySelector('.review-error'))).toBe('内容含有违规信息，请修改后再发布');

  reviewAnswer = ok(item(1, { review: { text: '思考很深入', reviewerName: '王培训', at: '2026-03-07T14:00:00.000Z' } }));
  await type(feedPage, '.review-input', '思考很深入', simulate);
  await tap(simulate, feedPage.querySelector('.save-review')!);
  await settle(simulate);
  expect(text(feedPage.querySelector('.review'))).toBe('王培训 点评：思考很深入');
  expect(feedPage.querySelector('.review-editor')).toBeFalsy();

  await tap(simulate, feedPage.querySelector('.start-review')!);
  await type(feedPage, '.review-input', '', simulate);
  await tap(simulate, feedPage.querySelector('.save-review')!);
  await settle(simulate);
  expect(callsOf('review').map((call) => call.text)).toEqual(['坏词', '思考很深入', '']);
  expect(feedPage.querySelector('.review')).toBeFalsy();
});

test("shows the author's learner level beside their name", async () => {
  backend({ feed: () => ok(feed([item(1, { memberLevel: '学习达人' }), item(2)])) });
  const { page: rendered } = await open();
  expect(texts(rendered.querySelectorAll('.level-tag'))).toEqual(['学习达人']);
  expect(text(rendered.querySelectorAll('.author')[0]!)).toBe('成员1');
});
