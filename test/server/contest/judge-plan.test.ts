/**
 * Judge assignment properties (issue 7): every entry gets exactly the judges it asks for, all distinct, never
 * a member of the entry nor a judge of one of its departments; loads are as even as the exclusions allow;
 * the plan is deterministic.
 */
import fc from 'fast-check';
import { JudgeShortage, mayJudge, planJudges, type PlanEntry, type PlanJudge } from '../../../server/contest/judge-plan';

const DEPARTMENTS = ['dept:A', 'dept:B', 'dept:C', 'dept:D', 'dept:E', 'dept:F'];

const scenario = fc
  .record({
    judgeDepartments: fc.array(fc.constantFrom(...DEPARTMENTS), { minLength: 5, maxLength: 14 }),
    entries: fc.array(
      fc.record({
        departments: fc.uniqueArray(fc.constantFrom(...DEPARTMENTS), { minLength: 1, maxLength: 2 }),
        judgeMember: fc.option(fc.nat(13), { nil: null }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    perEntry: fc.integer({ min: 3, max: 5 }),
  })
  .map(({ judgeDepartments, entries, perEntry }) => {
    const judges: PlanJudge[] = judgeDepartments.map((departmentId, index) => ({ id: `j${index}`, departmentId }));
    const planEntries: PlanEntry[] = entries.map((entry, index) => ({
      id: `e${index}`,
      // Sometimes a judge is a member of the entry (a judge may also compete).
      memberIds: entry.judgeMember !== null && entry.judgeMember < judges.length ? [`m${index}`, `j${entry.judgeMember}`] : [`m${index}`],
      departmentIds: entry.departments,
    }));
    return { judges, entries: planEntries, perEntry };
  });

function loads(plan: Map<string, string[]>, judges: readonly PlanJudge[]): Map<string, number> {
  const counts = new Map(judges.map((judge) => [judge.id, 0]));
  for (const ids of plan.values()) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

it('gives each entry the number of judges asked, distinct, never its own member or department', () => {
  fc.assert(
    fc.property(scenario, ({ judges, entries, perEntry }) => {
      let plan: Map<string, string[]>;
      try {
        plan = planJudges('round', entries, judges, perEntry);
      } catch (err) {
        // Refused only when some entry really has too few possible judges.
        expect(err).toBeInstanceOf(JudgeShortage);
        const short = entries.find((entry) => entry.id === (err as JudgeShortage).entryId) as PlanEntry;
        expect(judges.filter((judge) => mayJudge(judge, short)).length).toBeLessThan(perEntry);
        return;
      }
      expect(plan.size).toBe(entries.length);
      const byId = new Map(judges.map((judge) => [judge.id, judge]));
      for (const entry of entries) {
        const assigned = plan.get(entry.id) as string[];
        expect(assigned).toHaveLength(perEntry);
        expect(new Set(assigned).size).toBe(perEntry);
        for (const id of assigned) {
          const judge = byId.get(id) as PlanJudge;
          expect(entry.memberIds).not.toContain(judge.id);
          expect(entry.departmentIds).not.toContain(judge.departmentId);
        }
      }
    }),
    { numRuns: 80 },
  );
});

it('spreads evenly: a judge has 2 or more fewer than another only when no entry of the busier one could move', () => {
  fc.assert(
    fc.property(scenario, ({ judges, entries, perEntry }) => {
      let plan: Map<string, string[]>;
      try {
        plan = planJudges('round', entries, judges, perEntry);
      } catch {
        return;
      }
      const load = loads(plan, judges);
      for (const busy of judges) {
        for (const idle of judges) {
          if ((load.get(busy.id) ?? 0) - (load.get(idle.id) ?? 0) < 2) continue;
          const movable = entries.some((entry) => {
            const assigned = plan.get(entry.id) as string[];
            return assigned.includes(busy.id) && !assigned.includes(idle.id) && mayJudge(idle, entry);
          });
          expect(movable).toBe(false);
        }
      }
    }),
    { numRuns: 80 },
  );
});

it('differs by at most one between judges when nothing excludes anyone', () => {
  fc.assert(
    fc.property(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 3, max: 5 }), (judgeCount, entryCount, perEntry) => {
      fc.pre(judgeCount >= perEntry);
      const judges = Array.from({ length: judgeCount }, (_, index) => ({ id: `j${index}`, departmentId: 'dept:judges' }));
      const entries = Array.from({ length: entryCount }, (_, index) => ({ id: `e${index}`, memberIds: [`m${index}`], departmentIds: ['dept:staff'] }));
      const counts = [...loads(planJudges('r', entries, judges, perEntry), judges).values()];
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(entryCount * perEntry);
    }),
  );
});

it('is deterministic whatever the input order, and changes with the judges', () => {
  const judges = Array.from({ length: 8 }, (_, index) => ({ id: `j${index}`, departmentId: DEPARTMENTS[index % 3] as string }));
  const entries = Array.from({ length: 20 }, (_, index) => ({ id: `e${index}`, memberIds: [`m${index}`], departmentIds: [DEPARTMENTS[index % 4] as string] }));
  const plan = planJudges('round-1', entries, judges, 3);
  expect(planJudges('round-1', [...entries].reverse(), [...judges].reverse(), 3)).toEqual(plan);
  const fewer = planJudges('round-1', entries, judges.slice(1), 3);
  expect([...fewer.values()].flat()).not.toContain('j0');
});

it('refuses when an entry cannot get enough judges outside its departments', () => {
  const judges = [
    { id: 'j1', departmentId: 'dept:A' },
    { id: 'j2', departmentId: 'dept:A' },
    { id: 'j3', departmentId: 'dept:B' },
  ];
  expect(() => planJudges('r', [{ id: 'e1', memberIds: ['m1'], departmentIds: ['dept:A'] }], judges, 3)).toThrow(JudgeShortage);
});
