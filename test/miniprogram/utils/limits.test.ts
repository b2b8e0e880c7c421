/**
 * The app's forms take every numeric limit from miniprogram/utils/limits.ts, whose values are copies of the
 * contract's named limits: equal to them, and no page writes a limit of its own (a literal maxlength in a
 * template, or a `const MAX_… = <number>` in a page).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_LIMITS as CONTRACT_ADMIN } from '../../../typings/functions/admin';
import { LIMITS as CONTRACT_AUTHORING } from '../../../typings/functions/authoring';
import { CAMPAIGN_LIMITS as CONTRACT_CAMPAIGN } from '../../../typings/functions/campaign';
import { MAX_COMMENT_LENGTH, MAX_REVIEW_LENGTH } from '../../../typings/functions/campaign-engagement';
import { CONTEST_LIMITS as CONTRACT_CONTEST } from '../../../typings/functions/contest';
import { VOTING_LIMITS as CONTRACT_VOTING } from '../../../typings/functions/contest-voting';
import { MALL_LIMITS as CONTRACT_MALL } from '../../../typings/functions/points';
import { BIND_LIMITS as CONTRACT_BIND } from '../../../typings/functions/user';
import { CERTIFICATE_LIMITS as CONTRACT_CERTIFICATE } from '../../../typings/functions/certificate';
import { AUTHOR_LIMITS as CONTRACT_AUTHOR } from '../../../typings/functions/authors';
import { LEARNER_LEVEL_LIMITS as CONTRACT_LEARNER_LEVEL } from '../../../typings/functions/points';
import { POINTS_LIMITS as CONTRACT_POINTS } from '../../../typings/schema';
import { CLASSROOM_LIMITS as CONTRACT_CLASSROOM, takeawayFileOf } from '../../../typings/functions/classroom';
import { TAKEAWAY_FILE_TYPES } from '../../../typings/domain';
import { TAKEAWAY_LIMITS as CONTRACT_TAKEAWAY, takeawayFileProblem } from '../../../typings/takeaway-files';
import { takeawayEntryOf } from '../../../miniprogram/utils/takeaway';
import * as app from '../../../miniprogram/utils/limits';
import { documentTypeOf, DOCUMENT_TYPES } from '../../../miniprogram/utils/workbook';
import { filesUnder, relativePosix } from '../../helpers/files';

const ROOT = path.join(__dirname, '../../../miniprogram');

const files = (extension: string): string[] => filesUnder(ROOT, extension, ['miniprogram_npm']).map((file) => relativePosix(ROOT, file));

/** `file:line  text` for each line of the files matching `pattern`. */
function offending(extension: string, pattern: RegExp, skip: string[] = []): string[] {
  return files(extension)
    .filter((file) => !skip.includes(file))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}  ${line.trim()}`] : [])),
    );
}

describe('the app reads its limits from the contract', () => {
  it('copies every contract limit exactly', () => {
    expect(app.CAMPAIGN_LIMITS).toEqual(CONTRACT_CAMPAIGN);
    expect(app.CHECKIN_COMMENT_LIMITS).toEqual({ comment: MAX_COMMENT_LENGTH, review: MAX_REVIEW_LENGTH });
    expect(app.BIND_LIMITS).toEqual(CONTRACT_BIND);
    expect(app.AUTHORING_LIMITS).toEqual(CONTRACT_AUTHORING);
    expect(app.CONTEST_LIMITS).toEqual({ ...CONTRACT_CONTEST, ...CONTRACT_VOTING });
    expect(app.MALL_LIMITS).toEqual(CONTRACT_MALL);
    expect(app.POINTS_LIMITS).toEqual(CONTRACT_POINTS);
    expect(app.CERTIFICATE_LIMITS).toEqual(CONTRACT_CERTIFICATE);
    expect(app.AUTHOR_LIMITS).toEqual(CONTRACT_AUTHOR);
    expect(app.LEARNER_LEVEL_LIMITS).toEqual(CONTRACT_LEARNER_LEVEL);
    expect(app.CLASSROOM_LIMITS).toEqual(CONTRACT_CLASSROOM);
    const { invitationDaysDigits, ...admin } = app.ADMIN_LIMITS;
    expect(admin).toEqual(CONTRACT_ADMIN);
    expect(invitationDaysDigits).toBe(String(CONTRACT_ADMIN.invitationDays).length);
  });

  it('opens the take-away file types the contract accepts, told from the name as the console tells them', () => {
    expect(DOCUMENT_TYPES).toEqual(TAKEAWAY_FILE_TYPES);
    for (const name of ['讲义.PDF', 'deck.pptx', 'a.ppt', '表.xlsx', 'b.xls', 'c.docx', 'd.doc', 'e.txt', 'pdf', '说明.pdf.zip', 'x.'])
      expect(documentTypeOf(name)).toBe(takeawayFileOf(name)?.fileType ?? null);
    expect(takeawayFileOf(`${'长'.repeat(80)}.pdf`)?.name).toHaveLength(CONTRACT_CLASSROOM.fileName);
  });

  it('attaches a picked file on the contract’s terms: its limits, and the same refusals with the same words', () => {
    expect(app.TAKEAWAY_LIMITS).toEqual(CONTRACT_TAKEAWAY);
    const cases: [string, number][] = [
      ['讲义.pdf', 1],
      ['表.XLSX', CONTRACT_TAKEAWAY.fileBytes],
      ['表.xlsx', CONTRACT_TAKEAWAY.fileBytes + 1],
      ['说明.txt', 10],
      ['空.docx', 0],
    ];
    for (const [name, size] of cases) {
      const entry = takeawayEntryOf({ name, size });
      expect(typeof entry === 'string' ? entry : null).toBe(takeawayFileProblem(name, size));
      if (typeof entry !== 'string') expect(entry).toEqual({ ...takeawayFileOf(name), size });
    }
  });

  it('has no literal maxlength in any template', () => {
    expect(offending('.wxml', /maxlength="\d/)).toEqual([]);
  });

  it('has no page-local numeric limit', () => {
    expect(offending('.ts', /^\s*(export )?const MAX_[A-Z_]+ = [\d_ *]+;/, ['utils/limits.ts'])).toEqual([]);
  });
});
