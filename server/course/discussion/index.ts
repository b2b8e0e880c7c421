/** A course's discussion (讨论): questions and answers, likes, the marked answer, hiding, the desk's queue. */
export { discussionAnswer, discussionAsk } from './posts';
export { discussionAccept, discussionDelete, discussionHide, discussionLike } from './moderation';
export { discussionList, discussionQueue, discussionThread } from './reads';
