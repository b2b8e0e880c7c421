/**
 * Certificates (证书), one mechanism for every achievement: a course or series passed, a required assignment
 * completed, a check-in campaign, a contest award, an author level. A certificate's `_id` is
 * `<kind>:<source>:<memberId>` and it is created in a transaction that keeps the first document written
 * (./once.ts), so issuing it again — a retry, parallel reads, a timer run twice — answers the stored one
 * with its code. Whoever issues it first also creates the 获得证书 notification (./notify.ts, itself created
 * once). A process stopping between the two loses that notification, never the certificate.
 *
 * Verification: anyone holding the code sees the name, achievement and date. The code carries 80 random
 * bits (16 characters of a 32-letter alphabet without 0/O/1/I), so codes cannot be guessed or enumerated;
 * verification is therefore not rate-limited.
 */
import { randomBytes } from 'node:crypto';
import type { CertificateDoc, CertificateKind } from '../../typings/domain';
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';
import { findOne } from './db';
import { hashId } from './ids';
import { notify } from './notify';
import { insertOnce } from './once';
import { beijingDate } from './time';

/** 32 letters and digits a reader cannot confuse (no 0/O, 1/I). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 16;

export const certificateId = (kind: CertificateKind, source: string, memberId: string): string => `${kind}:${source}:${memberId}`;

/** 16 characters from 80 random bits (5 bits each). */
export function verificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += ALPHABET[(value >> bits) & 31];
    }
  }
  return code;
}

/**
 * 证书编号: a prefix per kind, the Beijing day achieved and 8 characters derived from the certificate's id,
 * so the same achievement always prints the same number.
 */
export const certificateNumber = (prefix: string, day: string, key: string): string => `${prefix}${day.replace(/-/g, '')}-${hashId('', key, 8).toUpperCase()}`;

/** The page that shows a certificate by its code (and verifies it). */
export const certificatePage = (code: string): string => `packageNotice/certificate/index?code=${code}`;

export type CertificateDraft<T extends CertificateDoc = CertificateDoc> = Omit<T, '_id' | 'code' | 'issuedDay' | 'issuedAt'>;

/**
 * Issues the certificate once; answers the stored one (the first issued) whenever it exists already.
 * `notifyIssued: false` leaves the 获得证书 notification to the caller (an award that notifies its own kind).
 */
export async function issueCertificate<T extends CertificateDoc>(
  db: Database,
  draft: CertificateDraft<T>,
  now: Date,
  { notifyIssued = true }: { notifyIssued?: boolean } = {},
): Promise<T> {
  const fresh = {
    ...draft,
    _id: certificateId(draft.kind, draft.source, draft.memberId),
    code: verificationCode(),
    issuedDay: beijingDate(now),
    issuedAt: now,
  } as T;
  const stored = await insertOnce<T>(db, COLLECTIONS.certificates, fresh);
  if (notifyIssued && stored.code === fresh.code) {
    await notify(
      db,
      [
        {
          memberId: stored.memberId,
          kind: 'certificate_issued',
          source: stored._id,
          title: `获得证书：${stored.achievement}`,
          body: stored.detail,
          page: certificatePage(stored.code),
        },
      ],
      now,
    );
  }
  return stored;
}

/** The certificate with `code`, or null (one indexed read). */
export function certificateByCode(db: Database, code: string): Promise<CertificateDoc | null> {
  return findOne<CertificateDoc>(db, COLLECTIONS.certificates, { code });
}
