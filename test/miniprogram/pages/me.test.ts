/**
 * 我的 tab: profile (工号 or partner, department, 职级, audiences, roles in Chinese), entry points per role,
 * the gate for non-members and deactivated members, and the dev identity switcher (local mode only).
 */
import { failure, ok } from '../wx-stub';
import { inStatus, loadComponent, settle, tap, wxStub, type RenderedComponent, fieldTarget } from '../harness';
import type { AppConfig } from '../../../miniprogram/config';
import { PROFILE as MEMBER, meBackend, type BoundMe } from '../../helpers/pages/profile';
import type { LearnerLevelView } from '../../../typings/functions/points';

const PROFILE: BoundMe = {
  ...MEMBER,
  departmentPath: ['总部', '人力资源部', '培训中心'],
  jobLevel: 'first_line_manager',
  roles: [{ role: 'learner' }, { role: 'admin' }],
  audiences: ['new_hire', 'first_line_manager'],
};

const LEARNER: BoundMe = { ...PROFILE, roles: [{ role: 'learner' }] };

async function open(config: Partial<AppConfig> = {}) {
  const loaded = loadComponent('pages/me/index', { config });
  const page = loaded.render();
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  await settle(loaded.simulate);
  return { ...loaded, page };
}

const text = (component: RenderedComponent | undefined): string => component?.dom?.textContent?.trim() ?? '';
const texts = (components: RenderedComponent[]): string[] => components.map(text);

test('shows the member profile in Chinese', async () => {
  meBackend(() => ok(PROFILE));
  const { page } = await open();
  expect(wxStub().calls[0]?.event).toEqual({ action: 'me' });
  expect(text(page.querySelector('.profile-name'))).toBe('王芳');
  expect(text(page.querySelector('.profile-identity'))).toBe('工号 E001');
  expect(text(page.querySelector('.profile-department'))).toBe('总部 / 人力资源部 / 培训中心');
  expect(text(page.querySelector('.profile-job-level'))).toBe('一线经理');
  expect(texts(page.querySelectorAll('.audience'))).toEqual(['新员工', '一线经理']);
  expect(text(page.querySelector('.profile-roles'))).toBe('学员、管理员');
});

test('shows the learner level with the total earned; tapping opens 我的等级; a failure leaves the line out', async () => {
  const level: LearnerLevelView = { rank: 2, name: '学习能手', reachedAt: '2026-03-02T02:00:00.000Z', earnedTotal: 450, next: null, history: [] };
  meBackend(() => ok(PROFILE), { 'points.myLevel': () => ok(level) });
  const { page, simulate } = await open();
  expect(text(page.querySelector('.profile-level .level-tag'))).toBe('学习能手');
  expect(text(page.querySelector('.profile-level-total'))).toBe('累计获得 450 积分');
  await tap(simulate, page.querySelector('.profile-level')!);
  expect(wxStub().navigations).toEqual(['/packagePoints/level/index']);
  meBackend(() => ok(PROFILE), { 'points.myLevel': () => failure('INTERNAL', '服务器开小差了，请稍后重试') });
  const { page: failed } = await open();
  expect(failed.querySelector('.profile-level')).toBeFalsy();
  expect(text(failed.querySelector('.profile-name'))).toBe('王芳');
});

test('an external partner shows 外部合作伙伴 instead of a 工号', async () => {
  meBackend(() => ok({ ...LEARNER, employeeNo: null, external: true, audiences: ['external_partner'] }));
  const { page } = await open();
  expect(text(page.querySelector('.profile-identity'))).toBe('外部合作伙伴');
  expect(texts(page.querySelectorAll('.audience'))).toEqual(['外部合作伙伴']);
});

test('an admin sees 管理后台 with its pages; tapping an entry opens it', async () => {
  meBackend(() => ok({ ...PROFILE, roles: [{ role: 'learner' }, { role: 'admin', scopeDepartmentId: 'd1' }, { role: 'admin' }] }));
  const { page, simulate } = await open();
  expect(texts(page.querySelectorAll('.entry-section-title'))).toEqual(['管理后台']);
  expect(texts(page.querySelectorAll('.entry-title'))).toEqual([
    '成员与角色',
    '邀请码',
    '绑定记录',
    '导入花名册',
    '兑换订单',
    '礼品管理',
    '积分规则',
    '积分调整',
    '课程评审设置',
    '作者等级',
    '学员等级',
    '媒体审核',
    '操作日志',
    '大赛管理',
    '打卡活动管理',
    '线下课管理',
    '学习数据',
  ]);
  await tap(simulate, page.querySelectorAll('.entry')[1]!);
  expect(wxStub().navigations).toEqual(['/packageAdmin/invitations/index']);
});

test('a department-scoped admin sees no company-wide pages (the mall and the audit log the server refuses them)', async () => {
  meBackend(() => ok({ ...PROFILE, roles: [{ role: 'learner' }, { role: 'admin', scopeDepartmentId: 'd1' }] }));
  const { page } = await open();
  expect(texts(page.querySelectorAll('.entry-title'))).toEqual([
    '成员与角色',
    '邀请码',
    '绑定记录',
    '导入花名册',
    '积分规则',
    '积分调整',
    '课程评审设置',
    '媒体审核',
    '大赛管理',
    '打卡活动管理',
    '线下课管理',
    '学习数据',
  ]);
});

test('a learner sees no role entries; a trainer sees 课程管理 (contests among them) and a reviewer 课程审核, never 管理后台', async () => {
  meBackend(() => ok({ ...LEARNER, roles: [{ role: 'learner' }] }));
  let { page, simulate } = await open();
  expect(text(page.querySelector('.profile-roles'))).toBe('学员');
  expect(page.querySelector('.entry-section')).toBeFalsy();
  // Every member may author courses (contest entries are their own courses).
  await tap(simulate, page.querySelector('.my-studio')!);
  expect(wxStub().navigations).toEqual(['/packageStudio/courses/index']);

  meBackend(() => ok({ ...LEARNER, roles: [{ role: 'learner' }, { role: 'trainer' }, { role: 'reviewer' }] }));
  ({ page } = await open());
  expect(texts(page.querySelectorAll('.entry-section-title'))).toEqual(['课程管理', '课程审核']);
  expect(texts(page.querySelectorAll('.entry-title'))).toEqual(['必修任务', '打卡活动管理', '线下课管理', '大赛管理', '学习数据', '课程评审', '媒体审核']);
  expect(text(page)).not.toContain('管理后台');
  // An admin who is also a trainer finds each page once, under 管理后台 first.
  meBackend(() => ok({ ...LEARNER, roles: [{ role: 'learner' }, { role: 'trainer' }, { role: 'admin' }] }));
  ({ page } = await open());
  expect(texts(page.querySelectorAll('.entry-section-title'))).toEqual(['管理后台', '课程管理']);
  expect(texts(page.querySelectorAll('.entry-title')).slice(-2)).toEqual(['学习数据', '必修任务']);
  expect(texts(page.querySelectorAll('.entry-title')).filter((title) => title === '打卡活动管理')).toHaveLength(1);
  expect(texts(page.querySelectorAll('.entry-title')).filter((title) => title === '大赛管理')).toHaveLength(1);
});

test('a non-member is sent to the binding page; the state offers 去绑定 too', async () => {
  meBackend(() => ok({ bound: false }));
  const { page, simulate } = await open();
  expect(page.querySelector('.profile')).toBeFalsy();
  expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member']);
  expect(text(inStatus(page, '.state-not-member'))).toContain('请先绑定员工身份');
  await tap(simulate, inStatus(page, '.bind')!);
  expect(wxStub().relaunches).toHaveLength(2);
});

test('a deactivated member is sent to the binding page with the 停用 reason, and sees no profile', async () => {
  meBackend(() => ok({ ...PROFILE, active: false }));
  const { page } = await open();
  expect(page.querySelector('.profile')).toBeFalsy();
  expect(page.querySelector('.entry-section')).toBeFalsy();
  expect(text(inStatus(page, '.state-error'))).toContain('你的员工身份已停用');
  expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=inactive']);
});

test('a NOT_MEMBER failure shows the not-member state; other failures show the error', async () => {
  meBackend(() => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份'));
  const first = await open();
  expect(inStatus(first.page, '.state-not-member')).toBeTruthy();

  meBackend(() => failure('INTERNAL', '服务器开小差了，请稍后重试'));
  const second = await open();
  expect(text(inStatus(second.page, '.state-error'))).toContain('服务器开小差了，请稍后重试');
});

describe('dev identity switcher', () => {
  const switcher = (page: RenderedComponent): RenderedComponent => page.querySelector('#dev-identity')!;

  test('is absent in cloud mode', async () => {
    meBackend(() => ok(PROFILE));
    const { page } = await open({ mode: 'cloud' });
    expect(switcher(page).querySelector('.dev-identity')).toBeFalsy();
    expect(wxStub().calls[0]?.via).toBe('cloud');
  });

  test('a quick pick stores the openid, reloads the profile as that caller and marks the pick', async () => {
    meBackend((call) => (call.openid === 'demo-judge' ? ok({ ...LEARNER, name: '评委甲' }) : ok(PROFILE)));
    const { page, simulate } = await open({ mode: 'local' });
    expect(text(switcher(page).querySelector('.dev-current'))).toBe('demo-learner');

    const pick = switcher(page)
      .querySelectorAll('.dev-pick')
      .find((node) => text(node) === '评委');
    await tap(simulate, pick!);
    await settle(simulate);

    expect(wxStub().storage.get('weike.devOpenid')).toBe('demo-judge');
    expect(
      wxStub()
        .calls.filter((call) => call.event.action === 'me')
        .map((call) => call.openid),
    ).toEqual(['demo-learner', 'demo-judge']);
    expect(text(switcher(page).querySelector('.dev-current'))).toBe('demo-judge');
    expect(text(switcher(page).querySelector('.dev-pick-active'))).toBe('评委');
    expect(text(page.querySelector('.profile-name'))).toBe('评委甲');
    expect(wxStub().toasts).toEqual(['已切换为 demo-judge']);
  });

  test('the text field switches to any openid; a blank one is refused', async () => {
    meBackend(() => ok(PROFILE));
    const { page, simulate } = await open({ mode: 'local' });
    const input = switcher(page).querySelector('.dev-input')!;

    fieldTarget(input).dispatchEvent('input', { detail: { value: '   ' } });
    await settle(simulate);
    await tap(simulate, switcher(page).querySelector('.dev-apply')!);
    expect(wxStub().toasts).toEqual(['请输入 openid']);
    expect(wxStub().calls.filter((call) => call.event.action === 'me')).toHaveLength(1);

    fieldTarget(input).dispatchEvent('input', { detail: { value: ' dev-someone ' } });
    await settle(simulate);
    await tap(simulate, switcher(page).querySelector('.dev-apply')!);
    await settle(simulate);
    expect(wxStub().storage.get('weike.devOpenid')).toBe('dev-someone');
    expect(wxStub().calls.at(-1)?.openid).toBe('dev-someone');
  });

  test('a stored identity is used from the start', async () => {
    wxStub().storage.set('weike.devOpenid', 'demo-judge');
    meBackend(() => ok(PROFILE));
    const { page } = await open({ mode: 'local' });
    expect(wxStub().calls[0]?.openid).toBe('demo-judge');
    expect(text(switcher(page).querySelector('.dev-current'))).toBe('demo-judge');
  });
});

test('角色 is never empty: a member with no role grant is a 学员, and a role held in two scopes shows once', async () => {
  meBackend(() => ok({ ...MEMBER, roles: [] }));
  let { page } = await open();
  expect(text(page.querySelector('.profile-roles'))).toBe('学员');

  meBackend(() => ok({ ...MEMBER, roles: [{ role: 'trainer' }, { role: 'learner' }, { role: 'trainer' }] }));
  ({ page } = await open());
  expect(text(page.querySelector('.profile-roles'))).toBe('学员、培训管理员');
});

test('消息中心 shows the unread count on its entry and on the 我的 tab at every show; 消息中心 and 我的证书 open', async () => {
  let unread = 3;
  meBackend(() => ok(PROFILE), { 'notification.unreadCount': () => ok({ unread }) });
  const { page, simulate } = await open();
  const show = async () => {
    await (page.instance as unknown as { onShow(): Promise<void> }).onShow();
    await settle(simulate);
  };
  await show();
  expect(text(page.querySelector('.unread-count'))).toBe('3');
  expect(wxStub().tabBarBadges).toEqual(['3:3']);
  unread = 120;
  await show();
  expect(text(page.querySelector('.unread-count'))).toBe('99+');
  unread = 0;
  await show();
  expect(page.querySelector('.unread-count')).toBeFalsy();
  expect(wxStub().tabBarBadges).toEqual(['3:3', '3:99+', '3:']);
  await tap(simulate, page.querySelector('.my-notices')!);
  await tap(simulate, page.querySelector('.my-certificates')!);
  expect(wxStub().navigations).toEqual(['/packageNotice/inbox/index', '/packageNotice/certificates/index']);
});
