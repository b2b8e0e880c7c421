/**
 * Posters (分享海报): one poster share per member and target, reused, with a mini-program code whose scene is
 * the share token and whose page is the landing page (wxacode.getUnlimited, at most 32 scene characters:
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode).
 * The app draws the cover, the title and the code on a canvas and saves it to the album. The code is made
 * once per share and kept in cloud storage.
 */
import type { MemberDoc } from '../../typings/domain';
import type { ShareDoc, ShareTargetKind } from '../../typings/docs/share';
import { SHARE_LANDING_PAGE } from '../../typings/functions/share';
import type { PosterResult } from '../../typings/functions/share';
import { COLLECTIONS, type Database, tempUrls, urlOf, type WxCloud } from '../core';
import { createShare } from './create';
import { resolveTarget } from './targets';

/** The code's width in px (280–1280): sharp enough on a 750 rpx poster. */
const CODE_WIDTH = 430;

async function makeCode(cloud: WxCloud, token: string): Promise<string> {
  // check_path false: the landing page may not be published yet in a trial version (documented option).
  const answer = (await cloud.openapi.wxacode.getUnlimited({ scene: token, page: SHARE_LANDING_PAGE, checkPath: false, width: CODE_WIDTH })) as {
    buffer?: Buffer;
  };
  if (!answer.buffer || answer.buffer.length === 0) throw new Error(`wxacode.getUnlimited answered no image for ${token}`);
  const { fileID } = (await cloud.uploadFile({ cloudPath: `share/posters/${token}.png`, fileContent: answer.buffer })) as { fileID: string };
  return fileID;
}

export async function posterFor(db: Database, cloud: WxCloud, member: MemberDoc, kind: ShareTargetKind, targetId: string, now: Date): Promise<PosterResult> {
  const target = await resolveTarget(db, member, kind, targetId, now);
  const share: ShareDoc = await createShare(
    db,
    member,
    { targetKind: kind, targetId, channel: 'poster', requestId: `poster:${kind}:${targetId}` },
    now,
    target,
  );
  let codeFileID = share.posterFileID;
  if (!codeFileID) {
    codeFileID = await makeCode(cloud, share._id);
    // Two first calls at once both make the same code at the same path; the last write wins harmlessly.
    await db
      .collection(COLLECTIONS.shares)
      .doc(share._id)
      .update({ data: { posterFileID: codeFileID } });
  }
  const urls = await tempUrls(cloud, [codeFileID, target.cover]);
  const codeUrl = urlOf(urls, codeFileID);
  if (!codeUrl) throw new Error(`no temporary URL for ${codeFileID}`);
  return {
    token: share._id,
    target: { kind, id: targetId },
    title: target.title,
    cover: target.cover,
    coverUrl: urlOf(urls, target.cover),
    codeFileID,
    codeUrl,
    page: SHARE_LANDING_PAGE,
    scene: share._id,
  };
}
