/**
 * The evaluation survey (课后评估): once per attendee (the sign-up's `surveyed` and the answer sheet are
 * written in one transaction on the member's own documents), open answers content-checked before anything
 * is written, results aggregated for the trainer without names. A session holds at most CLASSROOM_LIMITS
 * .capacity attendees, so its answer sheets are read in one query (CloudBase answers up to 1000).
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc, ClassroomSurveyDoc } from '../../typings/domain';
import type { OpenResultView, RatingResultView, SurveyResultsView } from '../../typings/functions/classroom';
import { AppError, checkTexts, COLLECTIONS, docsOf, runTransaction, txGet, txPut } from '../core';
import type { Database, WxCloud } from '../core';
import { signupId, surveyOpen } from './access';

const MAX_SHEETS = 1000;

export interface SurveyAnswers {
  ratings: Record<string, number>;
  answers: Record<string, string>;
}

/** Every rating question answered, no answer to a question the survey does not have. */
function checkAnswers(session: ClassroomSessionDoc, input: SurveyAnswers): SurveyAnswers {
  const kinds = new Map(session.survey.map((question) => [question.id, question.kind]));
  for (const key of Object.keys(input.ratings)) if (kinds.get(key) !== 'rating') throw new AppError('INVALID_INPUT', '问卷答案与题目不符');
  for (const key of Object.keys(input.answers)) if (kinds.get(key) !== 'open') throw new AppError('INVALID_INPUT', '问卷答案与题目不符');
  for (const question of session.survey)
    if (question.kind === 'rating' && input.ratings[question.id] === undefined) throw new AppError('INVALID_INPUT', `请为「${question.prompt}」评分`);
  const answers = Object.fromEntries(Object.entries(input.answers).filter(([, text]) => text.length > 0));
  return { ratings: { ...input.ratings }, answers };
}

export async function submitSurvey(
  db: Database,
  cloud: WxCloud,
  caller: { memberId: string; openid: string },
  session: ClassroomSessionDoc,
  signup: ClassroomSignupDoc | null,
  input: SurveyAnswers,
  now: Date,
): Promise<ClassroomSignupDoc> {
  if (signup?.surveyed) throw new AppError('ALREADY_SURVEYED');
  if (!signup?.attendedAt || signup.status !== 'signed_up') throw new AppError('NOT_SIGNED_UP', '签到后才能填写评估问卷');
  if (!surveyOpen(session, signup, now)) throw new AppError('SESSION_CLOSED', '评估问卷已关闭');
  const clean = checkAnswers(session, input);
  if (caller.openid) await checkTexts(cloud, caller.openid, Object.values(clean.answers), 'comment');
  const id = signupId(session._id, caller.memberId);
  return runTransaction(db, async (tx) => {
    const current = await txGet<ClassroomSignupDoc>(tx, COLLECTIONS.classroomSignups, id);
    if (!current) throw new AppError('NOT_SIGNED_UP');
    if (current.surveyed) throw new AppError('ALREADY_SURVEYED');
    const sheet: ClassroomSurveyDoc = { _id: id, sessionId: session._id, memberId: caller.memberId, ...clean, submittedAt: now };
    await txPut(tx, COLLECTIONS.classroomSurveys, sheet);
    await tx
      .collection(COLLECTIONS.classroomSignups)
      .doc(id)
      .update({ data: { surveyed: true, updatedAt: now } });
    return { ...current, surveyed: true, updatedAt: now };
  });
}

export async function readSheets(db: Database, sessionId: string): Promise<ClassroomSurveyDoc[]> {
  return docsOf<ClassroomSurveyDoc>(db.collection(COLLECTIONS.classroomSurveys).where({ sessionId }).orderBy('submittedAt', 'desc').limit(MAX_SHEETS));
}

export function aggregate(session: ClassroomSessionDoc, sheets: readonly ClassroomSurveyDoc[], attended: number): SurveyResultsView {
  const ratings: RatingResultView[] = [];
  const open: OpenResultView[] = [];
  for (const question of session.survey) {
    if (question.kind === 'rating') {
      const values = sheets.map((sheet) => sheet.ratings[question.id]).filter((value): value is number => typeof value === 'number');
      const distribution: RatingResultView['distribution'] = [0, 0, 0, 0, 0];
      for (const value of values) distribution[value - 1] += 1;
      const sum = values.reduce((total, value) => total + value, 0);
      ratings.push({
        questionId: question.id,
        prompt: question.prompt,
        answers: values.length,
        average: values.length === 0 ? null : Math.round((sum / values.length) * 100) / 100,
        distribution,
      });
    } else {
      const answers = sheets.map((sheet) => sheet.answers[question.id]).filter((text): text is string => typeof text === 'string' && text.length > 0);
      open.push({ questionId: question.id, prompt: question.prompt, answers });
    }
  }
  return { responses: sheets.length, attended, ratings, open };
}
