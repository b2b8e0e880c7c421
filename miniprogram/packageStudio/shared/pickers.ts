/**
 * Choices for the series and assignment forms: my published courses and the series, one page at a time
 * (never a whole growing collection).
 */
import { listMyCourses, listSeries } from '../../services/authoring';

/** The contract's largest page: a picker shows this many and offers more. */
export const PICKER_PAGE_SIZE = 50;

export interface PickItem {
  id: string;
  title: string;
}

export interface PickPage {
  items: PickItem[];
  hasMore: boolean;
}

/** Only published courses can be put in a series or assigned. */
export async function publishedCoursesPage(page: number): Promise<PickPage> {
  const result = await listMyCourses(page, PICKER_PAGE_SIZE);
  return {
    items: result.items.filter((course) => course.courseStatus === 'published').map((course) => ({ id: course.courseId, title: course.title })),
    hasMore: result.hasMore,
  };
}

export async function seriesPage(page: number): Promise<PickPage> {
  const result = await listSeries(page, PICKER_PAGE_SIZE);
  return {
    items: result.items.filter((series) => series.status === 'published').map((series) => ({ id: series.seriesId, title: series.title })),
    hasMore: result.hasMore,
  };
}
