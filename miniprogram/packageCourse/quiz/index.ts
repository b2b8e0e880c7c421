/**
 * 课后测验: one attempt's questions as the server gives them (no answers on the app), single choice, multiple
 * choice and true/false; submitted once with the attempt's id (a retry after a failure resends the same id, so
 * it is graded once); then the score, pass or not, each question's explanation, and the attempts left.
 */
import type { QuizQuestionKind } from '../../../typings/domain';
import { leaveForBinding } from '../../services/gate';
import { startQuiz, submitQuiz, type QuizAttempt, type QuizResult } from '../../services/course';
import { failedLoad, failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { toast } from '../../utils/ui';
import { newClientId } from '../utils/client-id';

const KIND_LABELS: Record<QuizQuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  true_false: '判断',
};

interface OptionView {
  id: string;
  text: string;
  chosen: boolean;
}

interface QuestionView {
  id: string;
  number: number;
  kind: QuizQuestionKind;
  kindLabel: string;
  prompt: string;
  options: OptionView[];
  /** After grading: */
  graded: boolean;
  correct: boolean;
  answerText: string;
  explanation: string;
}

interface ResultView {
  score: number;
  passed: boolean;
  line: string;
  attemptsLeft: string;
  canRetry: boolean;
  courseCompleted: boolean;
}

function toQuestionViews(attempt: QuizAttempt): QuestionView[] {
  return attempt.questions.map((question, index) => ({
    id: question.id,
    number: index + 1,
    kind: question.kind,
    kindLabel: KIND_LABELS[question.kind],
    prompt: question.prompt,
    options: question.options.map((option) => ({ id: option.id, text: option.text, chosen: false })),
    graded: false,
    correct: false,
    answerText: '',
    explanation: '',
  }));
}

function graded(questions: QuestionView[], result: QuizResult): QuestionView[] {
  const byId = new Map(result.questions.map((entry) => [entry.questionId, entry]));
  return questions.map((question) => {
    const entry = byId.get(question.id);
    if (!entry) return question;
    const answerText = entry.answer
      ? question.options
          .filter((option) => entry.answer?.includes(option.id))
          .map((option) => option.text)
          .join('、')
      : '';
    return { ...question, graded: true, correct: entry.correct, answerText, explanation: entry.explanation ?? '' };
  });
}

function toResultView(result: QuizResult, passMark: number): ResultView {
  return {
    score: result.score,
    passed: result.passed,
    line: `答对 ${result.correctCount}/${result.questionCount} 题 · ${passMark} 分及格`,
    attemptsLeft: result.attemptsLeft === null ? '不限次数' : `剩余 ${result.attemptsLeft} 次`,
    canRetry: !result.passed && result.attemptsLeft !== 0,
    courseCompleted: result.courseCompleted,
  };
}

type OptionTap = WechatMiniprogram.BaseEvent<{}, { question?: number; option?: string }>;

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    courseId: '',
    attemptId: '',
    info: '',
    passMark: 0,
    questions: [] as QuestionView[],
    submitting: false,
    result: null as ResultView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ courseId: query.id ?? '' });
      return this.begin();
    },
    /** A new attempt: a new id, its questions (in its own order when the quiz shuffles). */
    async begin() {
      const attemptId = newClientId('q');
      this.setData({ status: 'loading', message: '', attemptId, result: null, questions: [] });
      try {
        const attempt = await startQuiz(this.data.courseId, attemptId);
        const questions = toQuestionViews(attempt);
        this.setData({
          status: 'ready',
          passMark: attempt.passMark,
          info: `共 ${attempt.questionCount} 题 · ${attempt.passMark} 分及格 · ${attempt.attemptsLeft === null ? '不限次数' : `剩余 ${attempt.attemptsLeft} 次`}`,
          questions: attempt.result ? graded(questions, attempt.result) : questions,
          result: attempt.result ? toResultView(attempt.result, attempt.passMark) : null,
        });
      } catch (error) {
        this.setData(failedLoad(error, 'quiz'));
      }
    },
    onChoose(event: OptionTap) {
      if (this.data.result || this.data.submitting) return;
      const { question: questionIndex, option: optionId } = event.currentTarget.dataset;
      const question = this.data.questions[Number(questionIndex)];
      if (!question || !optionId) return;
      const options = question.options.map((option) => ({
        ...option,
        chosen: question.kind === 'multiple' ? (option.id === optionId ? !option.chosen : option.chosen) : option.id === optionId,
      }));
      this.setData({ [`questions[${Number(questionIndex)}].options`]: options });
    },
    async onSubmit() {
      if (this.data.submitting || this.data.result) return;
      const unanswered = this.data.questions.filter((question) => !question.options.some((option) => option.chosen)).length;
      if (unanswered > 0) {
        toast(`还有 ${unanswered} 题未作答`);
        return;
      }
      const answers: Record<string, string[]> = {};
      for (const question of this.data.questions) answers[question.id] = question.options.filter((option) => option.chosen).map((option) => option.id);
      this.setData({ submitting: true });
      try {
        const result = await submitQuiz(this.data.courseId, this.data.attemptId, answers);
        this.setData({ submitting: false, result: toResultView(result, this.data.passMark), questions: graded(this.data.questions, result) });
        wx.pageScrollTo({ scrollTop: 0, duration: 200 });
      } catch (error) {
        // Answers stay; submitting again resends the same attempt id.
        this.setData({ submitting: false });
        toast(failureOf(error, 'quiz').message);
      }
    },
    onRetryAttempt() {
      return this.begin();
    },
    onBackToCourse() {
      wx.navigateBack();
    },
    onRetry() {
      return this.begin();
    },
    onBind() {
      leaveForBinding('not-member');
    },
  },
});
