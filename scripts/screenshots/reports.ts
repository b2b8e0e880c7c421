/** 学习报表: each report tab and a course's report, as the company-wide demo trainer sees them. */
import type { Shot } from '../screenshots';
import { courseIdOf } from '../import-courses';

const READY_CHART = '[data-testid="chart"][data-ready="1"]';

export const shots: readonly Shot[] = [
  { file: 'reports-trends.png', as: 'demo-trainer', path: '/console/reports?tab=trends', wait: READY_CHART },
  { file: 'reports-heatmap.png', as: 'demo-trainer', path: '/console/reports?tab=heatmap', wait: READY_CHART },
  { file: 'reports-courses.png', as: 'demo-trainer', path: '/console/reports?tab=courses', wait: READY_CHART },
  { file: 'reports-departments.png', as: 'demo-trainer', path: '/console/reports?tab=departments', wait: READY_CHART },
  { file: 'reports-shares.png', as: 'demo-trainer', path: '/console/reports?tab=shares', wait: READY_CHART },
  { file: 'reports-course.png', as: 'demo-trainer', path: `/console/reports/courses/${encodeURIComponent(courseIdOf('code-of-conduct'))}`, wait: READY_CHART },
  { file: 'reports-branch-trainer.png', as: 'demo-branch-trainer', path: '/console/reports?tab=departments', wait: READY_CHART },
];
