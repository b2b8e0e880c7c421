/**
 * Admins: voiding votes (counts drop exactly once, a trace remains, the quota is not given back), the ballot
 * list, the abuse report on seeded bursts, department jumps and shared networks, and bad input changing
 * nothing. Actions are called through the contest function's real main, as the app does.
 */
import type { BindingDoc, ContestBallotDoc, ContestVoteVoidDoc, MemberDoc } from '../../../../typings/domain';
import type { VoteAbuseReport } from '../../../../typings/functions/contest-voting';
import { callAction, invoke } from '../../../helpers/invoke';
import { contestFunction } from '../../../../server/contest/actions';
import { useTestCloud } from '../../../helpers/local-cloud';
import { codeOf, dataOf } from '../../../helpers/envelope';
import { freezeClock } from '../../../helpers/clock';
import { grant, insertAll, memberDoc, seedMember } from '../../../helpers/db';
import { countVotes, expectCountsMatchBallots, readAll, seedVotingContest, voteAs, VOTING_DAY } from './helpers';

jest.setTimeout(60_000);

const cloud = useTestCloud();
const ADMIN = { openid: 'o-vote-admin' };
const BRANCH_ADMIN = { openid: 'o-vote-branch-admin' };
const LEARNER = { openid: 'o-vote-learner' };

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:vote-admin', { name: '管理员', roles: [grant('admin')] });
  await seedMember(BRANCH_ADMIN.openid, 'm:vote-branch-admin', { name: '分公司管理员', roles: [grant('admin', 'dept:总部/销售部')] });
  await seedMember(LEARNER.openid, 'm:vote-learner', { name: '学员' });
});

afterEach(async () => {
  jest.useRealTimers();
  await expectCountsMatchBallots();
});

const SALES = { departmentId: 'dept:总部/销售部', departmentPath: ['总部', '销售部'] };
const IT = { departmentId: 'dept:总部/信息技术部', departmentPath: ['总部', '信息技术部'] };

/** Roster members bound at `boundAt` (members and bindings as identity stores them). */
async function seedVoters(prefix: string, n: number, fields: Partial<MemberDoc>, boundAt = new Date('2025-06-01T02:00:00Z')): Promise<MemberDoc[]> {
  const members = Array.from({ length: n }, (_, i) => memberDoc(`m:${prefix}-${i}`, { name: `${prefix}${i}`, ...fields }));
  await insertAll('members', members);
  await insertAll(
    'bindings',
    members.map((member): BindingDoc => ({ _id: `o-${member._id}`, memberId: member._id, boundAt })),
  );
  return members;
}

describe('voiding votes', () => {
  it('takes each voided vote off its entry once, keeps a trace and gives no vote back', async () => {
    const { entries } = await seedVotingContest({ entryCount: 2 });
    const voters = await seedVoters('void', 5, IT);
    const ballots = [];
    for (const voter of voters) ballots.push(await voteAs(voter, entries[0]!._id, VOTING_DAY));
    await countVotes();
    const chosen = [ballots[0]!.ballotId, ballots[1]!.ballotId];
    const first = dataOf(await callAction('contest', 'voidVotes', { ballotIds: chosen, reason: '同一网络集中刷票', requestId: 'void-request-1' }, ADMIN));
    expect(first).toEqual({ voided: 2, alreadyVoided: 0, notFound: [] });
    expect(await cloud.database.getDocument('contestStandings', `${entries[0]!.currentRoundId}:${entries[0]!._id}`)).toMatchObject({ votes: 3 });
    // The same request answers the same; another one finds them void already, and names unknown ids.
    expect(dataOf(await callAction('contest', 'voidVotes', { ballotIds: chosen, reason: '同一网络集中刷票', requestId: 'void-request-1' }, ADMIN))).toEqual(
      first,
    );
    const again = dataOf(
      await callAction('contest', 'voidVotes', { ballotIds: [...chosen, 'cb:unknown'], reason: '再次作废', requestId: 'void-request-2' }, ADMIN),
    );
    expect(again).toEqual({ voided: 0, alreadyVoided: 2, notFound: ['cb:unknown'] });
    expect(await cloud.database.getDocument('contestStandings', `${entries[0]!.currentRoundId}:${entries[0]!._id}`)).toMatchObject({ votes: 3 });
    const stored = await readAll<ContestBallotDoc>('contestBallots', { voided: true, entryId: entries[0]!._id });
    expect(stored.map((ballot) => [ballot._id, ballot.voidReason, ballot.voidedByName]).sort()).toEqual(
      chosen.map((id) => [id, '同一网络集中刷票', '管理员']).sort(),
    );
    const audits = await readAll<ContestVoteVoidDoc>('contestVoteVoids', { byId: 'm:vote-admin' });
    expect(audits.find((audit) => audit._id === 'm:vote-admin:void-request-1')).toMatchObject({
      voidedIds: expect.arrayContaining(chosen),
      reason: '同一网络集中刷票',
    });
    // A voided ballot keeps its place in the quota: the voter cannot vote for that entry again today.
    await expect(voteAs(voters[0]!, entries[0]!._id, VOTING_DAY)).rejects.toMatchObject({ code: 'VOTE_LIMIT' });
    // The ballot list shows the trace.
    const listed = dataOf(await callAction('contest', 'voteBallots', { roundId: entries[0]!.currentRoundId, voterId: voters[0]!._id }, ADMIN));
    expect(listed.items).toEqual([
      expect.objectContaining({ id: chosen[0], voided: true, voidReason: '同一网络集中刷票', voidedByName: '管理员', voterName: 'void0' }),
    ]);
  });

  it('lands each voided ballot in the admin audit log once, written with the voiding', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    const voters = await seedVoters('logged', 3, IT);
    const ballots = [];
    for (const voter of voters) ballots.push(await voteAs(voter, entries[0]!._id, VOTING_DAY));
    await countVotes();
    const chosen = [ballots[0]!.ballotId, ballots[1]!.ballotId];
    await callAction('contest', 'voidVotes', { ballotIds: chosen, reason: '核实为代投', requestId: 'void-logged-1' }, ADMIN);
    await callAction('contest', 'voidVotes', { ballotIds: chosen, reason: '再次作废', requestId: 'void-logged-2' }, ADMIN);
    const records = cloud.database.listDocuments('adminAudit').filter((record) => chosen.includes(record.targetId as string));
    expect(records.map((record) => record.targetId).sort()).toEqual([...chosen].sort());
    expect(records[0]).toMatchObject({
      action: 'vote_void',
      actorId: 'm:vote-admin',
      targetKind: 'ballot',
      before: { voided: false, counted: true },
      after: expect.objectContaining({ voided: true, reason: '核实为代投', entryId: entries[0]!._id }),
    });
  });

  it('voidVotes of ballots outside the admin scope writes nothing, not even its own record', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    const voters = await seedVoters('outside', 2, IT);
    const ballots = [];
    for (const voter of voters) ballots.push(await voteAs(voter, entries[0]!._id, VOTING_DAY));
    const chosen = ballots.map((ballot) => ballot.ballotId);
    const before = { voids: cloud.database.listDocuments('contestVoteVoids').length, audit: cloud.database.listDocuments('adminAudit').length };
    const answer = dataOf(await callAction('contest', 'voidVotes', { ballotIds: chosen, reason: '越权作废', requestId: 'void-outside-1' }, BRANCH_ADMIN));
    expect(answer).toEqual({ voided: 0, alreadyVoided: 0, notFound: [...chosen].sort() });
    expect({ voids: cloud.database.listDocuments('contestVoteVoids').length, audit: cloud.database.listDocuments('adminAudit').length }).toEqual(before);
    expect(await readAll<ContestBallotDoc>('contestBallots', { voided: true, entryId: entries[0]!._id })).toEqual([]);
  });

  it('keeps counts exact when votes and voids of one entry run at the same time', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    const voters = await seedVoters('mixed', 40, IT);
    const early = await Promise.all(voters.slice(0, 20).map((voter) => voteAs(voter, entries[0]!._id, VOTING_DAY)));
    // Half the early ballots counted already, the other half still waiting for the tally while voided.
    await Promise.all([
      ...voters.slice(20).map((voter) => voteAs(voter, entries[0]!._id, VOTING_DAY)),
      ...early
        .slice(0, 10)
        .map((ballot, i) => callAction('contest', 'voidVotes', { ballotIds: [ballot.ballotId], reason: '核实为代投', requestId: `void-mixed-${i}` }, ADMIN)),
      countVotes(),
    ]);
    await countVotes();
    expect(await cloud.database.getDocument('contestStandings', `${entries[0]!.currentRoundId}:${entries[0]!._id}`)).toMatchObject({ votes: 30 });
  });

  it('lets a scoped admin void nothing of a company-wide contest', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    const [voter] = await seedVoters('scoped', 1, SALES);
    const ballot = await voteAs(voter!, entries[0]!._id, VOTING_DAY);
    await countVotes();
    expect(
      dataOf(await callAction('contest', 'voidVotes', { ballotIds: [ballot.ballotId], reason: '越权作废', requestId: 'void-scoped-1' }, BRANCH_ADMIN)),
    ).toEqual({ voided: 0, alreadyVoided: 0, notFound: [ballot.ballotId] });
    expect(codeOf(await callAction('contest', 'voteBallots', { roundId: entries[0]!.currentRoundId }, BRANCH_ADMIN))).toBe('NOT_FOUND');
    expect(await cloud.database.getDocument('contestStandings', `${entries[0]!.currentRoundId}:${entries[0]!._id}`)).toMatchObject({ votes: 1 });
  });
});

describe('the abuse report', () => {
  it('finds a recently bound burst voter, a department whose votes jump and a shared network', async () => {
    const { entries } = await seedVotingContest({ entryCount: 12 });
    const roundId = entries[0]!.currentRoundId;
    const day1 = new Date('2026-03-09T02:00:00Z');
    const day2 = VOTING_DAY;
    // Sales: 2 votes on day 1, then on day 2 a member bound the day before votes for all 12 entries in 3 minutes.
    const salesQuiet = await seedVoters('sales-quiet', 2, SALES);
    for (const voter of salesQuiet) await voteAs(voter, entries[0]!._id, day1);
    const [burst] = await seedVoters('sales-burst', 1, SALES, new Date('2026-03-09T01:00:00Z'));
    for (const [i, entry] of entries.entries()) await voteAs(burst!, entry._id, new Date(day2.getTime() + i * 15_000));
    // IT: the same 12 votes on both days, one every hour (steady, old binding).
    const [steady1, steady2] = await seedVoters('it-steady', 2, IT);
    for (const [i, entry] of entries.entries()) await voteAs(steady1!, entry._id, new Date(day1.getTime() + i * 3_600_000));
    for (const [i, entry] of entries.entries()) await voteAs(steady2!, entry._id, new Date(day2.getTime() + i * 3_600_000));
    // Five IT colleagues behind one address, one elsewhere.
    const office = await seedVoters('it-office', 6, IT);
    for (const [i, voter] of office.entries())
      await voteAs(voter, entries[1]!._id, day2, undefined, { clientIp: i < 5 ? '10.1.2.3' : '10.9.9.9', clientIpv6: null });
    // The report reads the voters' days the tally keeps.
    await countVotes();
    const report: VoteAbuseReport = dataOf(await callAction('contest', 'voteAbuseReport', { roundId }, ADMIN));
    expect(report.bursts).toEqual([
      expect.objectContaining({
        memberId: burst!._id,
        name: 'sales-burst0',
        day: '2026-03-10',
        votes: 12,
        maxInWindow: 12,
        boundRecently: true,
        boundAt: '2026-03-09T01:00:00.000Z',
      }),
    ]);
    expect(report.departmentJumps).toEqual([
      expect.objectContaining({ departmentId: SALES.departmentId, day: '2026-03-10', votes: 12, voters: 1, previousAverage: 2, ratio: 6 }),
    ]);
    expect(report.sharedNetworks).toEqual([
      {
        network: '10.1.2.3',
        voters: 5,
        votes: 5,
        memberIds: office
          .slice(0, 5)
          .map((voter) => voter._id)
          .sort(),
      },
    ]);
    expect(report.devicesNote).toContain('CLIENTIP');
    // A window of an hour with a bar of 12 still leaves the steady voters (12 votes in 11 hours) out.
    const wide = dataOf(await callAction('contest', 'voteAbuseReport', { roundId, burstVotes: 12, burstMinutes: 60 }, ADMIN));
    expect(wide.bursts.map((row) => row.memberId)).toEqual([burst!._id]);
    const ballots = dataOf(await callAction('contest', 'voteBallots', { roundId, network: '10.1.2.3', pageSize: 50 }, ADMIN));
    expect(ballots.total).toBe(5);
  });
});

describe('bad input', () => {
  it('answers INVALID_INPUT and changes nothing', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    const before = await readAll('contestBallots');
    const cases: [string, Record<string, unknown>, { openid: string }][] = [
      ['vote', { entryId: entries[0]!._id, requestId: 'short' }, LEARNER],
      ['vote', { entryId: entries[0]!._id, requestId: 'has spaces in it' }, LEARNER],
      ['vote', { entryId: '', requestId: 'request-0001' }, LEARNER],
      ['vote', { entryId: entries[0]!._id, requestId: 'request-0001', votes: 5 }, LEARNER],
      ['votesLeft', { roundId: entries[0]!.currentRoundId, entryIds: Array.from({ length: 51 }, (_, i) => `e${i}`) }, LEARNER],
      ['voteLeaderboard', { roundId: entries[0]!.currentRoundId, pageSize: 51 }, LEARNER],
      ['voidVotes', { ballotIds: [], reason: '刷票行为', requestId: 'request-0001' }, ADMIN],
      ['voidVotes', { ballotIds: ['cb:x'], reason: ' ', requestId: 'request-0001' }, ADMIN],
      ['voidVotes', { ballotIds: Array.from({ length: 101 }, (_, i) => `cb:${i}`), reason: '刷票行为', requestId: 'request-0001' }, ADMIN],
      ['voteAbuseReport', { roundId: entries[0]!.currentRoundId, jumpFactor: 1 }, ADMIN],
      ['voteBallots', { roundId: entries[0]!.currentRoundId, day: '2026-3-10' }, ADMIN],
    ];
    for (const [action, input, who] of cases) {
      const answer = await callAction('contest', action as 'vote', input as never, who);
      expect({ action, input, code: codeOf(answer) }).toEqual({ action, input, code: 'INVALID_INPUT' });
      if (!answer.ok) expect(answer.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await readAll('contestBallots')).toEqual(before);
  });

  it('votes through the function for a member, with the Chinese message when the window is closed', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    freezeClock(VOTING_DAY);
    const answer = dataOf(await callAction('contest', 'vote', { entryId: entries[0]!._id, requestId: 'app-request-1' }, LEARNER));
    expect(answer).toMatchObject({ entryId: entries[0]!._id, firstTime: true, votes: 1, entryLeft: 0, day: '2026-03-10' });
    const left = dataOf(await callAction('contest', 'votesLeft', { roundId: entries[0]!.currentRoundId, entryIds: [entries[0]!._id] }, LEARNER));
    expect(left.entries).toEqual([{ entryId: entries[0]!._id, left: 0, votedToday: 1 }]);
    // The leaderboard shows the vote once the contest function's timer has counted it.
    const timer = { Type: 'Timer', TriggerName: 'voteTally', Time: new Date().toISOString() };
    expect(await invoke(contestFunction.main, timer, {})).toMatchObject({ ok: true, data: { counted: 1, rolledUp: 1, more: false } });
    const board = dataOf(await callAction('contest', 'voteLeaderboard', { roundId: entries[0]!.currentRoundId }, LEARNER));
    expect(board.items[0]).toMatchObject({ rank: 1, votes: 1 });
    jest.setSystemTime(new Date('2026-03-12T00:00:00Z'));
    const closed = await callAction('contest', 'vote', { entryId: entries[0]!._id, requestId: 'app-request-2' }, LEARNER);
    expect(closed).toMatchObject({ ok: false, code: 'VOTING_CLOSED', message: '投票时间为 2026-03-09 至 2026-03-11（北京时间）' });
  });
});
