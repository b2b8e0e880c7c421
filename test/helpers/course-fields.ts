/** A valid article course's fields, for tests of any area that write courses (authoring, course, the console). */
import type { CourseFieldsInput } from '../../typings/functions/authoring';

export function articleFields(overrides: Partial<CourseFieldsInput> = {}): CourseFieldsInput {
  return {
    title: '安全生产基础',
    summary: '人人都要懂的安全常识',
    cover: null,
    category: 'company_knowledge',
    format: 'article',
    audiences: [],
    durationMinutes: 5,
    tags: ['安全'],
    content: {
      blocks: [
        { type: 'heading', text: '第一节' },
        { type: 'paragraph', text: '戴好安全帽。' },
      ],
    },
    quiz: {
      passMark: 60,
      attemptLimit: 3,
      requiredForCompletion: true,
      shuffle: true,
      questions: [
        {
          id: 'q1',
          kind: 'true_false',
          prompt: '进入工地要戴安全帽',
          options: [
            { id: 't', text: '对' },
            { id: 'f', text: '错' },
          ],
          answer: ['t'],
        },
      ],
    },
    ...overrides,
  };
}
