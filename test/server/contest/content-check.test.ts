/**
 * Contest texts pass WeChat's content check (security.msgSecCheck) before they are stored: entry titles and
 * team names members choose at sign-up and submission, judges' comments, and the contest's own texts
 * (title, theme, summary, rules, topics, award and round names) every eligible member reads. A refused
 * text answers CONTENT_REJECTED and writes nothing; the local cloud's block list makes the check refuse.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, testDb } from '../../helpers/db';
import { codeOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { adminRole, as, BASIC_CONTEST, beijing, judgeRole, ok, person, seedPeople, seedStudioCourse } from './helpers';

jest.setTimeout(60_000);

const BLOCKED = '违禁词';
const cloud = useTestCloud();

const ADMIN = person('m:cc-admin', '管理员', '总部', '培训部', { roles: adminRole });
const JUDGES = [1, 2, 3].map((n) => person(`m:cc-j${n}`, `评委${n}`, '总部', `评审${n}部`, { roles: judgeRole }));
const ALICE = person('m:cc-alice', '王丽', '华东分公司', '销售部');
const BOB = person('m:cc-bob', '李波', '华南分公司', '销售部');

const CONTEST = BASIC_CONTEST;

let contestId: string;
let roundId: string;
let entryId: string;

beforeAll(async () => {
  freezeClock(beijing('2026-02-20'));
  await seedPeople([ADMIN, ...JUDGES, ALICE, BOB]);
  await seedStudioCourse('c:cc-alice', ALICE);
  cloud.openapi.setBlockList({ text: [BLOCKED], imageSha256: [] });
});

afterAll(async () => {
  jest.useRealTimers();
});

describe("the contest's own texts", () => {
  it.each<[string, object]>([
    ['title', { title: `大赛${BLOCKED}` }],
    ['theme', { theme: BLOCKED }],
    ['summary', { summary: BLOCKED }],
    ['rules', { rules: `${'规则。'.repeat(1000)}${BLOCKED}` }],
    ['the topics', { topics: [{ id: 'free', title: '自选', description: BLOCKED }] }],
    ['the award names', { awards: [{ id: 'best', kind: 'best_overall', name: BLOCKED }] }],
    ['the round names', { rounds: [{ ...CONTEST.rounds[0]!, name: BLOCKED }] }],
  ])('refuses a new contest whose %s fails the check, creating nothing', async (_label, change) => {
    expect(codeOf(await callAction('contest', 'createContest', { ...CONTEST, ...change, requestId: 'refused-0001' } as never, as(ADMIN._id)))).toBe(
      'CONTENT_REJECTED',
    );
    expect(await countAll('contests')).toBe(0);
    expect(await countAll('contestRounds')).toBe(0);
  });

  it('refuses blocked contest and round changes, keeping what was stored', async () => {
    const created = ok(await callAction('contest', 'createContest', { ...CONTEST, requestId: 'contest-0001' }, as(ADMIN._id)));
    contestId = created.id;
    roundId = created.rounds[0]!.id;
    expect(codeOf(await callAction('contest', 'updateContest', { contestId, rules: BLOCKED }, as(ADMIN._id)))).toBe('CONTENT_REJECTED');
    expect(codeOf(await callAction('contest', 'updateRound', { roundId, name: BLOCKED }, as(ADMIN._id)))).toBe('CONTENT_REJECTED');
    const stored = ok(await callAction('contest', 'adminDetail', { contestId }, as(ADMIN._id)));
    expect(stored).toMatchObject({ rules: CONTEST.rules, rounds: [{ name: '初赛' }] });
    ok(await callAction('contest', 'setStatus', { contestId, status: 'published' }, as(ADMIN._id)));
  });
});

describe("members' entries", () => {
  it('refuses a sign-up whose entry title or team name fails the check, entering no one', async () => {
    setClock(beijing('2026-03-01'));
    const signUp = (change: object) =>
      callAction('contest', 'signUp', { contestId, kind: 'individual', title: '投诉处理', requestId: 'alice-0001', ...change } as never, as(ALICE._id));
    expect(codeOf(await signUp({ title: `作品${BLOCKED}` }))).toBe('CONTENT_REJECTED');
    const team = { kind: 'team', teamName: `小队${BLOCKED}`, teammates: [{ employeeNo: BOB.employeeNo, name: BOB.name }], requestId: 'alice-0002' };
    expect(codeOf(await signUp(team))).toBe('CONTENT_REJECTED');
    expect(await countAll('contestEntries')).toBe(0);
    expect(await countAll('contestParticipants')).toBe(0);
    entryId = ok(await signUp({})).id;
  });

  it('refuses a submission whose new title or team name fails the check, keeping the entry', async () => {
    const submit = (change: object) =>
      callAction('contest', 'submitEntry', { entryId, title: '投诉处理', courseIds: ['c:cc-alice'], ...change }, as(ALICE._id));
    expect(codeOf(await submit({ title: `新标题${BLOCKED}` }))).toBe('CONTENT_REJECTED');
    expect(codeOf(await submit({ teamName: BLOCKED }))).toBe('CONTENT_REJECTED');
    const entry = ok(await callAction('contest', 'entry', { entryId }, as(ALICE._id)));
    expect(entry).toMatchObject({ title: '投诉处理', submitted: false });
    ok(await submit({}));
  });
});

describe("judges' comments", () => {
  it("refuses a judge's blocked comment and keeps the scores unsaved", async () => {
    ok(await callAction('contest', 'setJudges', { roundId, judgeIds: JUDGES.map((judge) => judge._id), judgesPerEntry: 3 }, as(ADMIN._id)));
    ok(await callAction('contest', 'assignJudges', { roundId }, as(ADMIN._id)));
    setClock(beijing('2026-03-06'));
    const judge = as(JUDGES[0]!._id);
    const answer = await callAction('contest', 'saveScores', { roundId, entryId, scores: { fit: 5, content: 5, show: 5 }, comment: `点评${BLOCKED}` }, judge);
    expect(codeOf(answer)).toBe('CONTENT_REJECTED');
    const scores = (await testDb().collection('contestScores').where({ roundId, judgeId: JUDGES[0]!._id }).get()) as unknown as {
      data: { scoredAt: unknown; comment: string }[];
    };
    expect(scores.data).toEqual([expect.objectContaining({ scoredAt: null, comment: '' })]);
    ok(await callAction('contest', 'saveScores', { roundId, entryId, scores: { fit: 5, content: 5, show: 5 }, comment: '讲得清楚' }, judge));
  });
});
