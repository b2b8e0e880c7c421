/**
 * services/media.ts is the one place the app chooses pictures and videos: no other module calls
 * wx.chooseMedia. packageStudio/shared/media.ts (course media, audio from chats) still has its own chooser
 * and is the one exception until the studio moves onto this module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder, relativePosix } from '../../helpers/files';

const ROOT = path.join(__dirname, '../../../miniprogram');
const EXCEPTIONS = ['services/media.ts', 'packageStudio/shared/media.ts'];

test('no module but the media module calls wx.chooseMedia', () => {
  const callers = filesUnder(ROOT, '.ts', ['miniprogram_npm'])
    .map((file) => relativePosix(ROOT, file))
    .filter((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').includes('wx.chooseMedia('));
  expect(callers.filter((file) => !EXCEPTIONS.includes(file))).toEqual([]);
  expect(callers).toContain('services/media.ts');
});
