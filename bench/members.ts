/**
 * The console's member table with 10,000 members: `admin.listMembers` through the app gateway (the built
 * function, guard included), as the members page loads it, a deep page, each filter, and the department list
 * the page loads beside it. Members are inserted directly (a benchmark may); the admin is bound like a real one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runAlone, type Recorder } from './harness';
import { startLocalCloud } from '../emulator/server';
import { Store, type QueryStats } from '../emulator/db/store';
import type { MemberDoc } from '../typings/domain';

export const MEMBERS = 10_000;
const ADMIN = 'o-bench-members-admin';
const RUNS = 30;
const BRANCHES = ['华东', '华南', '华北', '西南'];
const TEAMS = ['销售一部', '销售二部', '客服部', '运营部', '培训部'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function departments() {
  const docs = [{ _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null as string | null }];
  for (const branch of BRANCHES) {
    docs.push({ _id: `dept:总部/${branch}`, name: branch, path: ['总部', branch], parentId: 'dept:总部' });
    for (const team of TEAMS) docs.push({ _id: `dept:总部/${branch}/${team}`, name: team, path: ['总部', branch, team], parentId: `dept:总部/${branch}` });
  }
  return docs;
}

function member(i: number): MemberDoc {
  const branch = BRANCHES[i % BRANCHES.length] as string;
  const team = TEAMS[Math.floor(i / BRANCHES.length) % TEAMS.length] as string;
  const employeeNo = `B${String(i).padStart(5, '0')}`;
  return {
    _id: `m:${employeeNo}`,
    employeeNo,
    name: `员工${i}`,
    departmentId: `dept:总部/${branch}/${team}`,
    departmentPath: ['总部', branch, team],
    jobLevel: i % 10 === 0 ? 'first_line_manager' : 'individual',
    hireDate: '2022-03-01',
    // One in twenty has left; one in fifty trains others.
    active: i % 20 !== 0,
    roles: i % 50 === 0 ? [{ role: 'trainer' }] : [],
  };
}

export async function run(record: Recorder): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-members-'));
  const cloud = await startLocalCloud({ dataDir, port: 0, functionsDir: path.resolve(__dirname, '..', 'cloudfunctions') });
  try {
    cloud.database.insertDocuments('departments', departments());
    const members: Record<string, unknown>[] = Array.from({ length: MEMBERS - 1 }, (_, i) => ({ ...member(i + 1) }));
    members.push({ ...member(0), _id: 'm:B00000', active: true, name: '管理员', roles: [{ role: 'admin' }], boundOpenid: ADMIN });
    cloud.database.insertDocuments('members', members);
    cloud.database.insertDocuments('bindings', [{ _id: ADMIN, memberId: 'm:B00000', boundAt: new Date() }]);

    const call = async (data: Record<string, unknown>) => {
      const res = await fetch(`${cloud.url}/gateway/callFunction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-weike-openid': ADMIN },
        body: JSON.stringify({ name: 'admin', data }),
      });
      const body = (await res.json()) as { result?: { ok: boolean; data?: { total?: number } } };
      if (!body.result?.ok) throw new Error(`admin.${String(data.action)} failed: ${JSON.stringify(body)}`);
      return body.result.data;
    };

    const cases: { name: string; data: Record<string, unknown> }[] = [
      { name: 'first page (20 active members)', data: { action: 'listMembers', page: 1, pageSize: 20 } },
      { name: 'page 400 (the last)', data: { action: 'listMembers', page: 400, pageSize: 20, status: 'all' } },
      { name: 'one branch', data: { action: 'listMembers', page: 1, pageSize: 20, departmentId: 'dept:总部/华东' } },
      { name: 'a role', data: { action: 'listMembers', page: 1, pageSize: 20, role: 'trainer' } },
      { name: 'a name keyword', data: { action: 'listMembers', page: 1, pageSize: 20, keyword: '员工99' } },
    ];
    await call(cases[0]!.data);
    // The members page's read (the sorted one, not the count), kept aside: the page's learner levels are
    // read after it, so the store's last read is theirs.
    const reads: QueryStats[] = [];
    const candidates = Store.prototype.candidates;
    Store.prototype.candidates = function (this: Store, ...args: Parameters<Store['candidates']>) {
      const found = candidates.apply(this, args);
      if (args[0] === 'members' && args[2] !== undefined && Object.keys(args[2]).length > 0) reads.push(this.stats());
      return found;
    };
    for (const { name, data } of cases) {
      cloud.actions.reset();
      reads.length = 0;
      await call(data);
      const operations = cloud.actions.databaseOperations();
      const { rowsScanned, plan } = reads.at(-1) ?? cloud.database.stats();
      const times: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        await call(data);
        times.push(performance.now() - started);
      }
      // The local cloud runs in this process (the function in its own worker): its CPU per call does not grow
      // with the machine's load the way the wall-clock figure does.
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = ((cpu.user + cpu.system) / 1000 / RUNS).toFixed(1);
      const load = os.loadavg()[0]?.toFixed(1);
      record(
        `members table, ${MEMBERS.toLocaleString('en-US')} members: ${name}`,
        `${median(times).toFixed(1)} ms`,
        `median of ${RUNS} through the gateway; ${operations} database operations, the page read ${rowsScanned.toLocaleString('en-US')} rows (${plan}); local cloud CPU ${cpuMs} ms a call; load average ${load}`,
      );
    }
    Store.prototype.candidates = candidates;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await call({ action: 'listDepartments' });
      times.push(performance.now() - started);
    }
    record(
      `members table: the department list beside it (${departments().length} departments)`,
      `${median(times).toFixed(1)} ms`,
      `median of ${RUNS} through the gateway`,
    );
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runAlone(module, run);
