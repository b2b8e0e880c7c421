/**
 * How a discussion post is shown (writer, badge, time, counts: the course section, the list and the thread),
 * and the box a question or an answer is written in.
 */
import type { DiscussionAnswer, DiscussionQuestion } from '../../services/discussion';
import { DISCUSSION_BADGE_LABELS } from '../../utils/labels';
import { DISCUSSION_LIMITS } from '../../utils/limits';
import { initialSubmitState, submitOnce, type SubmitHost, untilAccepted } from '../../utils/submit-once';
import { routeUrl } from '../../utils/routes';
import { timeAgo } from '../../utils/time';
import { toast } from '../../utils/ui';

export interface PostView {
  id: string;
  text: string;
  writer: string;
  badge: string;
  time: string;
  likes: number;
  liked: boolean;
  mine: boolean;
}

export interface QuestionView extends PostView {
  url: string;
  answers: string;
  answered: boolean;
}

export interface AnswerView extends PostView {
  accepted: boolean;
}

function postView(post: DiscussionQuestion | DiscussionAnswer): PostView {
  return {
    id: post.id,
    text: post.text,
    writer: post.writerName,
    badge: post.badge ? DISCUSSION_BADGE_LABELS[post.badge] : '',
    time: timeAgo(post.createdAt),
    likes: post.likes,
    liked: post.liked,
    mine: post.mine,
  };
}

export function questionView(question: DiscussionQuestion): QuestionView {
  return {
    ...postView(question),
    url: routeUrl('packageCourse/question', { id: question.id }),
    answers: question.answers > 0 ? `${question.answers} 个回答` : '暂无回答',
    answered: question.answered,
  };
}

export function answerView(answer: DiscussionAnswer): AnswerView {
  return { ...postView(answer), accepted: answer.accepted };
}

/** The box a question or an answer is written in: its text, the server's refusal, and submitOnce's state. */
export function postFormData() {
  return { limits: DISCUSSION_LIMITS, text: '', error: '', ...initialSubmitState() };
}

interface PostFormHost extends SubmitHost {
  data: SubmitHost['data'] & { text: string };
  setData(patch: object): void;
}

/**
 * Sends the box's text once it is long enough, through submitOnce: the same request id until it is accepted
 * (a retry after a refusal or an unknown outcome posts once), then a fresh one; a refusal stays under the box,
 * text kept.
 */
export async function submitPost(
  host: PostFormHost,
  rule: { min: number; tooShort: string; done: string; where: string },
  send: (text: string, requestId: string) => Promise<unknown>,
): Promise<boolean> {
  if (host.data.submitting) return false;
  const text = host.data.text.trim();
  if ([...text].length < rule.min) {
    host.setData({ error: rule.tooShort });
    return false;
  }
  host.setData({ error: '' });
  const outcome = await submitOnce(host, (requestId) => send(text, requestId), { where: rule.where, isFinal: untilAccepted });
  if (!outcome) return false;
  if (!outcome.ok) {
    host.setData({ error: outcome.failure.message });
    return false;
  }
  host.setData({ text: '' });
  toast(rule.done);
  return true;
}
