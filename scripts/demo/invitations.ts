/**
 * Demo invitation codes (邀请码) for external partners, so the console's invitation screen has every state to
 * show: two open, one revoked and one expired, issued by the demo admin for departments of the demo company.
 * Fixed codes written with `set`, so a second seeding changes nothing.
 */
import type { InvitationDoc } from '../../typings/domain';
import { COLLECTIONS } from '../../server/core/collections';
import { afterDays } from '../../server/core/time';
import type { buildDemoCompany } from './company';

export async function seedInvitationDemo(db: any, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<{ invitations: number }> {
  const admin = company.identities.find((identity) => identity.openid === 'demo-admin');
  const department = (path: string) => company.departments.find((candidate) => candidate.path.join('/') === path);
  const training = department('总部/人力资源部/培训中心') ?? company.departments[0];
  const sales = department('华东分公司/销售一部') ?? company.departments[0];
  if (!admin || !training || !sales) return { invitations: 0 };
  const issued = (daysAgo: number) => afterDays(now, -daysAgo);
  const base = (code: string, name: string, note: string, at: typeof training, daysAgo: number, validDays: number): InvitationDoc => ({
    _id: code,
    name,
    note,
    departmentId: at._id,
    departmentPath: at.path,
    status: 'open',
    createdAt: issued(daysAgo),
    expiresAt: afterDays(issued(daysAgo), validDays),
    createdByMemberId: admin.memberId,
  });
  const invitations: InvitationDoc[] = [
    base('DEMQ7KX2PA', '外聘讲师 周老师', '讲授《高效沟通》系列课', training, 1, 7),
    base('DEMW4RT8HC', '经销商 华东贸易', '参加 21 天销售话术打卡', sales, 2, 14),
    { ...base('DEMZ9NV3JE', '合作伙伴 李经理', '对方已改用其他账号', sales, 5, 7), status: 'revoked', revokedAt: issued(3) },
    base('DEMB6YU5GS', '外聘讲师 陈老师', '', training, 20, 7),
  ];
  for (const { _id, ...invitation } of invitations) await db.collection(COLLECTIONS.invitations).doc(_id).set({ data: invitation });
  return { invitations: invitations.length };
}
