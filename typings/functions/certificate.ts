/** Function `certificate` (证书): my certificates of every kind, and verification by code for anyone. */
import * as z from 'zod/mini';
import { contract } from '../contract';
import type { CertificateKind } from '../docs/certificate';
import { type Page, pageInputShape } from './paging';

/** What a certificate shows (and what verification reveals): no member id, no department beyond the path. */
export interface IssuedCertificateView {
  kind: CertificateKind;
  code: string;
  number: string;
  memberName: string;
  departmentPath: string[];
  achievement: string;
  detail: string;
  /** Beijing day of issue, YYYY-MM-DD. */
  issuedDay: string;
}

/** Codes are 16 letters and digits; lower case and spaces typed by hand are accepted (up to `codeInput` characters). */
export const CERTIFICATE_LIMITS = { code: 16, codeInput: 24 } as const;
export const CERTIFICATE_CODE_LENGTH = CERTIFICATE_LIMITS.code;
const code = z
  .string()
  .check(
    z.trim(),
    z.toUpperCase(),
    z.regex(new RegExp(`^[A-Z0-9 ]{${CERTIFICATE_LIMITS.code},${CERTIFICATE_LIMITS.codeInput}}$`), `验证码应为 ${CERTIFICATE_LIMITS.code} 位字母和数字`),
  );

export const certificateContracts = {
  /** My certificates, newest first. */
  mine: contract<Page<IssuedCertificateView>>()(z.strictObject({ ...pageInputShape })),
  /** Anyone with the code: the certificate it names, or NOT_FOUND. */
  verify: contract<IssuedCertificateView>()(z.strictObject({ code })),
};
