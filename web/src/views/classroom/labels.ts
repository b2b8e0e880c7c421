/** Chinese labels of the classroom area (the mini-program keeps its own copy in miniprogram/utils/labels.ts). */
import type { SessionPhase } from '../../../../typings/functions/classroom';

export const SESSION_PHASE_LABELS: Record<SessionPhase, string> = {
  open: '报名中',
  full: '已满员',
  in_progress: '签到中',
  ended: '已结束',
  cancelled: '已取消',
};
