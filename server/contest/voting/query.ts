/** A query's documents, typed (the SDK's typings allow callback-style non-promise results; see server/core/db.ts). */
export async function fetchDocs<T>(query: { get(): unknown }): Promise<T[]> {
  const result = (await query.get()) as { data: T[] };
  return result.data;
}
