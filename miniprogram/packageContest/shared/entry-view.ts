/** How an entry is named on cards and rows: its title, and who made it (队名 · 报名人, or the author). */
export function ownerLabel(entry: { ownerName: string; teamName: string | null }): string {
  return entry.teamName ? `${entry.teamName} · ${entry.ownerName}` : entry.ownerName;
}
