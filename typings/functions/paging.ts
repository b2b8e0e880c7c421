/** Page-by-page reads: a list that can grow is never read whole. */
import * as z from 'zod/mini';

export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

export const pageInputShape = {
  /** 1-based page number. */
  page: z._default(z.int().check(z.gte(1)), 1),
  pageSize: z._default(z.int().check(z.gte(1), z.lte(MAX_PAGE_SIZE)), DEFAULT_PAGE_SIZE),
};

export const pageInput = z.strictObject(pageInputShape);

export type PageInput = z.output<typeof pageInput>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  hasMore: boolean;
}
