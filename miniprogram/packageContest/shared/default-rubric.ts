/**
 * The five usual rubric dimensions (评分维度) a new contest's rounds start with, in the mini-program's round
 * editor and the console's contest creator alike. No imports but types, so the console can load it too.
 */
import type { RubricDimension } from '../../../typings/domain';

export const DEFAULT_RUBRIC: RubricDimension[] = [
  { id: 'fit', name: '切合主题', weight: 20, min: 0, max: 10 },
  { id: 'content', name: '目标与内容', weight: 25, min: 0, max: 10 },
  { id: 'method', name: '学习方法', weight: 20, min: 0, max: 10 },
  { id: 'presentation', name: '呈现效果', weight: 20, min: 0, max: 10 },
  { id: 'applicability', name: '实用性', weight: 15, min: 0, max: 10 },
];
