/** How a discussion post is shown: writer, badge, time, counts (the course section, the list and the thread). */
import type { DiscussionAnswer, DiscussionQuestion } from '../../services/discussion';
import { DISCUSSION_BADGE_LABELS } from '../../utils/labels';
import { routeUrl } from '../../utils/routes';
import { beijingDateTime } from '../../utils/time';

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
    time: beijingDateTime(post.createdAt),
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
