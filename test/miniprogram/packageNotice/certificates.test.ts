/** 我的证书: my certificates with their heading, achievement and date; opening one shows it by its code. */
import { failure, ok } from '../wx-stub';
import { inStatus, openPage, page, tap, text, texts, wxStub } from '../harness';
import { backend } from '../../helpers/backend';
import type { IssuedCertificateView } from '../../../typings/functions/certificate';

const issued = (code: string, kind: IssuedCertificateView['kind'], achievement: string): IssuedCertificateView => ({
  kind,
  code,
  number: `ZS-${code}`,
  memberName: '王芳',
  departmentPath: ['总部'],
  achievement,
  detail: '特发此证',
  issuedDay: '2026-05-02',
});

test('lists my certificates and opens one by its code', async () => {
  backend({
    'certificate.mine': () =>
      ok(page([issued('AAAAAAAAAAAAAAAA', 'contest_award', '微课大赛 一等奖'), issued('BBBBBBBBBBBBBBBB', 'campaign', '21 天晨读打卡')])),
  });
  const { page: rendered, simulate } = await openPage('packageNotice/certificates/index');
  expect(texts(rendered.querySelectorAll('.certificate-heading'))).toEqual(['荣誉证书', '结业证书']);
  expect(texts(rendered.querySelectorAll('.certificate-achievement'))).toEqual(['微课大赛 一等奖', '21 天晨读打卡']);
  expect(text(rendered.querySelector('.certificate-issued'))).toBe('2026年5月2日');
  await tap(simulate, rendered.querySelectorAll('.certificate')[1]!);
  expect(wxStub().navigations).toEqual(['/packageNotice/certificate/index?code=BBBBBBBBBBBBBBBB']);
});

test('says so when there is none, or when loading fails', async () => {
  backend({ 'certificate.mine': () => ok(page([])) });
  const empty = await openPage('packageNotice/certificates/index');
  expect(text(inStatus(empty.page, '.state-empty'))).toContain('还没有证书');
  backend({ 'certificate.mine': () => failure('INTERNAL', '服务暂时不可用') });
  const failing = await openPage('packageNotice/certificates/index');
  expect(inStatus(failing.page, '.state-error')).toBeTruthy();
});
