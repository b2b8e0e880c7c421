/** 证书: my certificates and verification by code (anyone holding the code). */
import type { ActionOutput } from '../../typings/api';
import { call, pagedAction } from './transport';

export type IssuedCertificate = ActionOutput<'certificate', 'verify'>;

export const listMyCertificates = pagedAction('certificate', 'mine');

export function verifyCertificate(code: string): Promise<IssuedCertificate> {
  return call('certificate', 'verify', { code });
}
