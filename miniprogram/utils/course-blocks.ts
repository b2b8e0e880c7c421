/** A course's picture-and-text blocks as the reader templates show them (packageCourse/course, packageContest/entry-course). */
import type { ContentBlockView } from '../../typings/functions/course';

export interface BlockView {
  /** wx:key: blocks have no id of their own, and their order is fixed. */
  key: string;
  type: ContentBlockView['type'];
  text: string;
  url: string;
  caption: string;
}

export function toBlockViews(blocks: readonly ContentBlockView[]): BlockView[] {
  return blocks.map((block, index) =>
    block.type === 'image'
      ? { key: `b${index}`, type: block.type, text: '', url: block.url, caption: block.caption ?? '' }
      : { key: `b${index}`, type: block.type, text: block.text, url: '', caption: '' },
  );
}
