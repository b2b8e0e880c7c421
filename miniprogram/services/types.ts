/** The page of results every list action answers (see typings/functions.ts). */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  hasMore: boolean;
}
