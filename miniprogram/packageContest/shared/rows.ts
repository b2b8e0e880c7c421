/** Editable rows of the contest settings (components/contest-topics, components/contest-awards). */

/** A fresh id the contract accepts (`[A-Za-z0-9_-]{1,32}`) that no row uses yet. */
export function freshId(prefix: string, rows: readonly { id: string }[]): string {
  const taken = new Set(rows.map((row) => row.id));
  let n = rows.length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** The row at the event's `data-index` with `field` set to the event's value; the list unchanged when it names none. */
export function withField<Row>(rows: readonly Row[], index: number, field: string | undefined, value: unknown): Row[] {
  if (index < 0 || index >= rows.length || !field) return [...rows];
  return rows.map((row, at) => (at === index ? { ...row, [field]: value } : row));
}

/** The list without the row at `index`. */
export function without<Row>(rows: readonly Row[], index: number): Row[] {
  return rows.filter((_, at) => at !== index);
}
