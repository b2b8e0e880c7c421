/**
 * 评委 (admin): the pool from judge-role members, judges per entry, saving the pool, and assigning with the
 * distribution per judge; a pool smaller than judges per entry is refused before sending.
 */
import { adminContest } from './admin-fixtures';
import { backend, callsOf, input, ok, openPage, page, text, texts } from './contest-fixtures';
import { tap, wxStub } from '../harness';

const member = (id: string, name: string) => ({
  memberId: id,
  employeeNo: id.toUpperCase(),
  name,
  departmentId: 'd1',
  departmentPath: ['总部', '培训中心'],
  jobLevel: 'individual',
  active: true,
  external: false,
  roles: [{ role: 'judge' }],
  bound: true,
});

const JUDGES = [member('j1', '评委甲'), member('j2', '评委乙'), member('j3', '评委丙'), member('j4', '评委丁')];

test('the pool starts from the round, picks from judges, saves with judges per entry, then assigns', async () => {
  backend({
    'contest.adminDetail': () => ok(adminContest()),
    'admin.listMembers': (call) => ok(page(call.event.keyword ? [JUDGES[3]] : JUDGES, 1, call.event.keyword ? 1 : 4, 50)),
    // The answer is the contest with the saved pool.
    'contest.setJudges': (call) =>
      ok(adminContest({ judges: [{ roundId: 'r1', judgeIds: call.event.judgeIds, judgeNames: ['评委甲', '评委乙', '评委丙', '评委丁'], judgesPerEntry: 4, assignedAt: null }] })),
    'contest.assignJudges': () =>
      ok({
        roundId: 'r1',
        entries: 40,
        judges: 4,
        judgesPerEntry: 4,
        loads: [
          { judgeId: 'j1', name: '评委甲', entries: 40 },
          { judgeId: 'j2', name: '评委乙', entries: 40 },
          { judgeId: 'j3', name: '评委丙', entries: 39 },
          { judgeId: 'j4', name: '评委丁', entries: 41 },
        ],
      }),
  });
  const { page: judges, simulate } = await openPage('packageContest/admin-judges/index', { contestId: 'k1', roundId: 'r1' });
  expect(callsOf('admin', 'listMembers')).toEqual([{ role: 'judge', page: 1, pageSize: 50 }]);
  expect(judges.querySelectorAll('.pool-judge')).toHaveLength(3);
  expect(judges.instance.data.pool.map((judge: { name: string }) => judge.name)).toEqual(['评委甲', '评委乙', '评委丙']);
  expect(judges.instance.data.candidates.map((c: { checked: boolean }) => c.checked)).toEqual([true, true, true, false]);

  await input(simulate, judges.querySelector('.search-input'), '丁');
  await tap(simulate, judges.querySelector('.search-button')!);
  expect(callsOf('admin', 'listMembers')[1]).toEqual({ role: 'judge', page: 1, pageSize: 50, keyword: '丁' });
  await tap(simulate, judges.querySelector('.candidate')!);
  await input(simulate, judges.querySelector('.per-entry'), 1, 'change');
  await tap(simulate, judges.querySelector('.save-pool')!);
  expect(judges.querySelectorAll('.pool-judge')).toHaveLength(4);
  expect(callsOf('contest', 'setJudges')).toEqual([{ roundId: 'r1', judgeIds: ['j1', 'j2', 'j3', 'j4'], judgesPerEntry: 4 }]);
  expect(wxStub().toasts).toEqual(['评委已保存']);

  wxStub().modalAnswers = [true];
  await tap(simulate, judges.querySelector('.assign')!);
  expect(wxStub().modals[0]!.title).toBe('分配评委');
  expect(callsOf('contest', 'assignJudges')).toEqual([{ roundId: 'r1' }]);
  expect(text(judges.querySelector('.distribution-summary'))).toBe('40 件作品 × 每件 4 位评委，共 4 位评委，每位评委 39–41 件');
  expect(texts(judges.querySelectorAll('.load'))).toEqual(['评委丁41 件', '评委乙40 件', '评委甲40 件', '评委丙39 件']);
});

test('too few judges for judges per entry is refused before sending; a cancelled assignment sends nothing', async () => {
  backend({ 'contest.adminDetail': () => ok(adminContest()), 'admin.listMembers': () => ok(page(JUDGES, 1, 4, 50)) });
  const { page: judges, simulate } = await openPage('packageContest/admin-judges/index', { contestId: 'k1', roundId: 'r1' });
  await input(simulate, judges.querySelector('.per-entry'), 2, 'change');
  await tap(simulate, judges.querySelector('.save-pool')!);
  expect(text(judges.querySelector('.form-error'))).toBe('评委至少需要 5 位（每件作品 5 位评委）');
  expect(callsOf('contest', 'setJudges')).toEqual([]);

  wxStub().modalAnswers = [false];
  await tap(simulate, judges.querySelector('.assign')!);
  expect(callsOf('contest', 'assignJudges')).toEqual([]);
});
