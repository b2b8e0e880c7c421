/**
 * Area `course`: what other areas use (course views for contest entries and awards). The function's actions
 * live in actions.ts.
 */
export { contentView } from './catalogue';
export { averageRating } from './views';
