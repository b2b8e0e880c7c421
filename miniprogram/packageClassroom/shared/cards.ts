/** A session as a card of the members' and the trainers' lists. */
import type { SessionSummary } from '../../services/classroom';
import { MY_SESSION_LABELS, SESSION_PHASE_LABELS } from '../../utils/labels';

export interface SessionCard {
  id: string;
  title: string;
  when: string;
  place: string;
  seats: string;
  phase: string;
  mine: string;
}

export const toSessionCard = (session: SessionSummary): SessionCard => ({
  id: session.id,
  title: session.title,
  when: `${session.day} ${session.startTime}-${session.endTime}`,
  place: session.place,
  seats: `${session.signedUp}/${session.capacity} 人`,
  phase: SESSION_PHASE_LABELS[session.phase],
  mine: MY_SESSION_LABELS[session.mine],
});
