/**
 * The rollup's fold ledger, `reportState/fold` (typings/docs/report.ts ReportFoldDoc): where a batch of
 * courses' fold is committed at once, and where the department totals' change of a run's folds gathers until
 * it is applied to `reportDepts`, one write per department per run instead of reading every course row of a
 * touched department again.
 *
 * Every write of the ledger is one update conditional on the version read, so it is atomic on its document:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 * A batch's commit writes its fold and adds its department changes in the same update; so the department
 * changes are counted exactly when the fold is. Applying is repeatable: every row and department total
 * remembers the last fold applied to it (`lastFold`), the records' `folded` and the course counters are sets.
 * A run that stops anywhere leaves the ledger as it was last written; the next run finishes it first thing
 * (`recover`), before it reads anything whole, so at most one fold and one set of department changes are ever
 * open, and a row or total whose `lastFold` differs has not had them.
 */
import { randomUUID } from 'node:crypto';
import type { BatchFold, FoldRow, ReportFoldDoc } from '../../typings/docs/report';
import { COLLECTIONS, type Database, findById } from '../core';
import { inParallel } from '../core/parallel';
import { byIds } from '../core/db';
import { insertOnce } from '../core/once';
import { ALL_DEPARTMENTS, addFoldRow, applyBatch, increments } from './course-fold';
import { recomputeCompany, recomputeDepartment } from './dept-rollup';

export const FOLD_STATE_ID = 'fold';
const PARALLEL_WRITES = 8;

const emptyDepartments = (): ReportFoldDoc['departments'] => ({ id: randomUUID(), rows: [] });

export class FoldLedger {
  private doc: ReportFoldDoc | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {}

  /** Reads the ledger (created the first time) and finishes what a stopped run left: its fold, then its department changes. */
  async recover(): Promise<void> {
    let doc = await findById<ReportFoldDoc>(this.db, COLLECTIONS.reportState, FOLD_STATE_ID);
    if (!doc)
      doc = await insertOnce<ReportFoldDoc>(this.db, COLLECTIONS.reportState, {
        _id: FOLD_STATE_ID,
        version: 0,
        open: null,
        departments: emptyDepartments(),
        applying: false,
      });
    this.doc = doc;
    if (doc.open) await this.finish();
    await this.flush();
  }

  private current(): ReportFoldDoc {
    if (!this.doc) throw new Error('the fold ledger is read first (recover)');
    return this.doc;
  }

  /** One update conditional on the version this run read or wrote last. */
  private async write(fields: Partial<Pick<ReportFoldDoc, 'open' | 'departments' | 'applying'>>): Promise<void> {
    const doc = this.current();
    const _ = this.db.command;
    const data: Record<string, unknown> = { version: doc.version + 1 };
    // Objects are replaced whole (`_.set`): update would otherwise merge them field by field.
    for (const [key, value] of Object.entries(fields)) data[key] = value !== null && typeof value === 'object' ? _.set(value) : value;
    const written = (await this.db.collection(COLLECTIONS.reportState).where({ _id: FOLD_STATE_ID, version: doc.version }).update({ data })) as unknown as {
      stats: { updated: number };
    };
    // Only a run that overran its lease while another took it over gets here: it stops.
    if (written.stats.updated === 0) throw new Error('the rollup fold ledger was written by another run');
    this.doc = { ...doc, ...fields, version: doc.version + 1 };
  }

  /** Commits `fold` with its department changes, applies it and clears it. */
  async fold(fold: BatchFold): Promise<void> {
    const doc = this.current();
    const rows = new Map(doc.departments.rows.map((row) => [row.departmentId, structuredClone(row)]));
    for (const course of fold.courses)
      for (const row of course.rows) {
        if (row.departmentId === ALL_DEPARTMENTS) continue;
        const into = rows.get(row.departmentId);
        if (into) addFoldRow(into, row);
        else rows.set(row.departmentId, { departmentId: row.departmentId, sums: { ...row.sums }, weeks: structuredClone(row.weeks) });
      }
    await this.write({ open: fold, departments: { id: doc.departments.id, rows: [...rows.values()] } });
    await this.finish();
  }

  private async finish(): Promise<void> {
    const open = this.current().open;
    if (!open) return;
    await applyBatch(this.db, open, this.clock());
    await this.write({ open: null });
  }

  /**
   * Applies the department changes gathered so far to the department totals and the company total, then
   * clears them. A total not there yet is read whole from the course rows (which hold every fold applied).
   */
  async flush(): Promise<void> {
    const doc = this.current();
    if (doc.departments.rows.length === 0 && !doc.applying) return;
    if (!doc.applying) await this.write({ applying: true });
    const { id, rows } = doc.departments;
    const _ = this.db.command;
    const now = this.clock();
    const total: FoldRow = {
      departmentId: ALL_DEPARTMENTS,
      sums: { learners: 0, completions: 0, studyMs: 0, views: 0, quizTakers: 0, quizPassers: 0 },
      weeks: {},
    };
    for (const row of rows) addFoldRow(total, row);
    const unapplied: string[] = [];
    await inParallel([...rows, total], PARALLEL_WRITES, async (row) => {
      const applied = (await this.db
        .collection(COLLECTIONS.reportDepts)
        // `neq` also matches a total without the field (read whole last), server/report/course-fold.ts applyBatch.
        .where({ _id: row.departmentId, lastFold: _.neq(id) })
        .update({ data: { ...increments(this.db, row), lastFold: id, updatedAt: now } })) as unknown as { stats: { updated: number } };
      if (applied.stats.updated === 0) unapplied.push(row.departmentId);
    });
    // Not updated: applied already, or no total yet (a department's first figures): that one is read whole.
    const existing = await byIds<{ _id: string }>(this.db, COLLECTIONS.reportDepts, unapplied);
    const missing = unapplied.filter((departmentId) => !existing.has(departmentId));
    for (const departmentId of missing) if (departmentId !== ALL_DEPARTMENTS) await recomputeDepartment(this.db, departmentId, now, id);
    if (missing.includes(ALL_DEPARTMENTS)) await recomputeCompany(this.db, now, id);
    await this.write({ applying: false, departments: emptyDepartments() });
  }
}
