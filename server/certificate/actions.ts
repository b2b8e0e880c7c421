/**
 * Function `certificate` (证书): a member's certificates of every kind, and verification by code for anyone
 * (a colleague, an outsider shown the certificate). Certificates are issued by the areas that see the
 * achievement, through server/core/certificates.ts.
 * Operations: mine 2 after the caller (count, page), verify 1 (the indexed code).
 */
import type { CertificateDoc } from '../../typings/domain';
import { certificateContracts } from '../../typings/functions/certificate';
import type { IssuedCertificateView } from '../../typings/functions/certificate';
import { AppError, COLLECTIONS, defineAction, defineFunction, findPage, pageOf } from '../core';
import type { SortKey } from '../core';
import { certificateByCode } from '../core/certificates';

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'issuedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

function view(doc: CertificateDoc): IssuedCertificateView {
  const { kind, code, number, memberName, departmentPath, achievement, detail, issuedDay } = doc;
  return { kind, code, number, memberName, departmentPath, achievement, detail, issuedDay };
}

export const mine = defineAction({
  ...certificateContracts.mine,
  roles: ['learner'],
  async handler({ db, caller, input }) {
    return pageOf(await findPage<CertificateDoc>(db, COLLECTIONS.certificates, { memberId: caller.member._id }, NEWEST_FIRST, input), input, view);
  },
});

export const verify = defineAction({
  ...certificateContracts.verify,
  roles: 'anyone',
  async handler({ db, input }) {
    const found = await certificateByCode(db, input.code.replace(/ /g, ''));
    if (!found) throw new AppError('NOT_FOUND', '未找到该证书，请核对验证码');
    return view(found);
  },
});

export const certificateFunction = defineFunction({ name: 'certificate', actions: { mine, verify } });
