/** Certificates (证书): one document per achievement and member, verifiable by anyone with its code. */

/**
 * What a certificate is for: a course or series with a pass mark, a required assignment completed, a
 * check-in campaign, a contest award, an author level.
 */
export const CERTIFICATE_KINDS = ['course', 'series', 'assignment', 'campaign', 'contest_award', 'author_level', 'author_award'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/**
 * Collection `certificates`, `_id` = `<kind>:<source>:<memberId>` (server/core/certificates.ts): issued once
 * per achievement; the first document written is kept, with its code.
 */
export interface CertificateDoc {
  _id: string;
  kind: CertificateKind;
  /** The achievement's own id: a course, an assignment, a campaign, an award. */
  source: string;
  memberId: string;
  memberName: string;
  departmentPath: string[];
  /** What was achieved, as printed (a course's or campaign's title, an award's name). */
  achievement: string;
  /** The line under it: 打卡 21/21 天, 测验通过, 一等奖. */
  detail: string;
  /** 证书编号 printed on the certificate. */
  number: string;
  /** Verification code (验证码): 16 characters carrying 80 random bits, so it cannot be guessed. */
  code: string;
  /** Beijing day of issue. */
  issuedDay: string;
  issuedAt: Date;
}
