/** How the report detail pages load: what is shown stays while reloading; a failure shows why, with retry. */
import { failedLoad } from '../../utils/failure';
import { refreshWith } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';

interface LoadingPage {
  data: { status: ListStatus };
  setData(patch: { status: ListStatus; message: string }): void;
}

export async function loadReport<T>(page: LoadingPage, where: string, fetch: () => Promise<T>, show: (answer: T) => void): Promise<void> {
  if (page.data.status !== 'ready') page.setData({ status: 'loading', message: '' });
  try {
    show(await fetch());
  } catch (error) {
    page.setData(failedLoad(error, where));
  }
}

/** Spread into a page's methods: pull-down refresh reloads through its `load`. */
export const pullDownRefresh = {
  onPullDownRefresh(this: { load(): Promise<void> }): Promise<void> {
    return refreshWith(() => this.load());
  },
};
