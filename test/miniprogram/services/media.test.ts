/**
 * services/media.ts is the one place the app chooses media: no other module calls wx.chooseMedia or
 * wx.chooseMessageFile for audio (the Studio's course media, audio from chats included).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../../miniprogram/config';
import { filesUnder, relativePosix } from '../../helpers/files';
import { wxStub } from '../harness';

const ROOT = path.join(__dirname, '../../../miniprogram');
const EXCEPTIONS = ['services/media.ts'];

test('no module but the media module calls wx.chooseMedia', () => {
  const callers = filesUnder(ROOT, '.ts', ['miniprogram_npm'])
    .map((file) => relativePosix(ROOT, file))
    .filter((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').includes('wx.chooseMedia('));
  expect(callers.filter((file) => !EXCEPTIONS.includes(file))).toEqual([]);
  expect(callers).toContain('services/media.ts');
});

type Media = typeof import('../../../miniprogram/services/media');

function freshMedia(): Media {
  let media: Media | undefined;
  jest.isolateModules(() => {
    Object.assign((require(path.join(ROOT, 'config')) as { config: AppConfig }).config, { mode: 'cloud' });
    media = require(path.join(ROOT, 'services/media')) as Media;
  });
  return media!;
}

test('one file of each kind: pictures compressed, a video with its whole seconds, audio from a chat under its own name', async () => {
  const media = freshMedia();
  wxStub().files.set('wxfile://tmp/pic.png', 'PNG');
  wxStub().files.set('wxfile://tmp/clip.mp4', 'MP4');
  wxStub().files.set('wxfile://tmp/voice', 'MP3');

  wxStub().chooseMediaAnswer = ['wxfile://tmp/pic.png'];
  expect(await media.chooseAndUploadOne('course-media', 'image')).toEqual({ fileID: expect.stringMatching(/-pic\.png$/), name: 'pic.png' });
  expect(wxStub().chooseMediaOptions[0]).toMatchObject({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });

  wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/clip.mp4', duration: 0.4 }];
  expect(await media.chooseAndUploadOne('course-media', 'video')).toEqual({ fileID: expect.stringMatching(/-clip\.mp4$/), name: 'clip.mp4', seconds: 1 });

  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/voice', name: '旁白 1.m4a', size: 3 }];
  const audio = await media.chooseAndUploadOne('course-media', 'audio');
  expect(audio?.name).toBe('旁白 1.m4a');
  expect(wxStub().chooseMessageFileOptions).toEqual([{ count: 1, type: 'file', extension: ['mp3', 'm4a', 'aac', 'wav'] }]);
  expect(wxStub().uploads.map((upload) => upload.cloudPath)).toEqual([
    expect.stringMatching(/^uploads\/[^/]+\/course-media\/[A-Za-z0-9_-]+-pic\.png$/),
    expect.stringMatching(/^uploads\/[^/]+\/course-media\/[A-Za-z0-9_-]+-clip\.mp4$/),
    expect.stringMatching(/^uploads\/[^/]+\/course-media\/[A-Za-z0-9_-]+\.m4a$/),
  ]);
  expect(media.fileLabel(audio?.fileID ?? '')).toMatch(/\.m4a$/);

  wxStub().chooseMessageFileAnswer = 'cancel';
  expect(await media.chooseAndUploadOne('course-media', 'audio')).toBeNull();
  expect(wxStub().uploads).toHaveLength(3);
});
