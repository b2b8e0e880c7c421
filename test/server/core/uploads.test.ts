/**
 * Finding: the server turned client-supplied file ids into URLs (and stored them) without asking whose they
 * were; check-in pictures were matched with `includes`, so any path containing the folder passed.
 */
import { assertOwnUploads, isOwnUpload } from '../../../server/core/uploads';
import { AppError } from '../../../server/core/errors';

const mine = 'cloud://local.6c6f-local-1250000000/uploads/o-alice/checkin/1.jpg';

describe('isOwnUpload', () => {
  it('accepts exactly uploads/<caller>/<purpose>/<name>', () => {
    expect(isOwnUpload('o-alice', mine)).toBe(true);
    expect(isOwnUpload('o-alice', mine, 'checkin')).toBe(true);
    expect(isOwnUpload('o-alice', mine, 'course-media')).toBe(false);
  });

  it('refuses lookalikes: another openid containing the caller’s, a server path mentioning it, traversal', () => {
    for (const fileId of [
      'cloud://local.b/uploads/o-alice2/checkin/1.jpg',
      'cloud://local.b/uploads/xo-alice/checkin/1.jpg',
      'cloud://local.b/courses/c1/uploads/o-alice/checkin/1.jpg',
      'cloud://local.b/private/exports/uploads/o-alice/checkin/1.jpg',
      'cloud://local.b/uploads/o-alice/../o-bob/checkin/1.jpg',
      'cloud://local.b/uploads/o-alice/checkin/../../o-bob/1.jpg',
      'cloud://local.b/uploads/o-alice/checkin',
      'cloud://local.b/uploads/o-alice/checkin/a/b.jpg',
      'cloud://local.b/uploads/o-alice//1.jpg',
      'https://example.com/uploads/o-alice/checkin/1.jpg',
      'uploads/o-alice/checkin/1.jpg',
    ]) {
      expect([fileId, isOwnUpload('o-alice', fileId)]).toEqual([fileId, false]);
    }
  });

  it('refuses a file id of another environment of the account', () => {
    const previous = process.env.TCB_ENV;
    process.env.TCB_ENV = 'prod-1a2b';
    try {
      expect(isOwnUpload('o-alice', 'cloud://prod-1a2b.7072-prod-1a2b-1250000000/uploads/o-alice/checkin/1.jpg')).toBe(true);
      expect(isOwnUpload('o-alice', 'cloud://staging-9z.7374-staging-9z-1250000000/uploads/o-alice/checkin/1.jpg')).toBe(false);
      expect(isOwnUpload('o-alice', 'cloud://prod-1a2bx.7072-prod-1a2bx-1250000000/uploads/o-alice/checkin/1.jpg')).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.TCB_ENV;
      else process.env.TCB_ENV = previous;
    }
  });
});

describe('assertOwnUploads', () => {
  it('refuses with a Chinese INVALID_INPUT message, ignores empty entries, keeps what the resource holds', () => {
    expect(() => assertOwnUploads('o-alice', [mine, null, undefined, ''])).not.toThrow();
    let caught: unknown;
    try {
      assertOwnUploads('o-alice', [mine, 'cloud://local.b/uploads/o-bob/checkin/1.jpg']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('本人') });
    const bobs = 'cloud://local.b/uploads/o-bob/mall-item/1.jpg';
    expect(() => assertOwnUploads('o-alice', [bobs], { kept: [bobs] })).not.toThrow();
  });
});
