/** A team's teammates as typed (工号 and name), read the way the server folds them, for sign-up and later invitations. */
import type { TeammateInput } from '../../services/contest';
import { CONTEST_LIMITS } from '../../utils/limits';

export interface TeammateRow {
  /** Keeps a row's inputs in place when another row is removed. */
  key: string;
  no: string;
  name: string;
}

/** The rows typed, folded as the server folds them; an error when a row is half filled or a 工号 repeats. */
export function readTeammates(rows: readonly TeammateRow[]): { ok: true; value: TeammateInput[] } | { ok: false; error: string } {
  const filled = rows
    .map((row) => ({ employeeNo: row.no.normalize('NFKC').trim(), name: row.name.normalize('NFKC').trim() }))
    .filter((row) => row.employeeNo !== '' || row.name !== '');
  if (filled.some((row) => row.employeeNo === '' || row.name === '')) return { ok: false, error: '请填写每位队友的工号和姓名' };
  if (filled.some((row) => row.name.length > CONTEST_LIMITS.teammateName)) return { ok: false, error: `姓名不能超过 ${CONTEST_LIMITS.teammateName} 个字` };
  if (new Set(filled.map((row) => row.employeeNo)).size !== filled.length) return { ok: false, error: '队友工号重复了' };
  return { ok: true, value: filled };
}
