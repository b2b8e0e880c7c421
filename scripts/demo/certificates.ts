/**
 * Demo certificates: the demo learner holds one of every kind, issued through the one mechanism
 * (server/core/certificates.ts), which also tells them in 消息中心. Sources are the demo's own records where
 * there are some (a course, a series, an assignment, a campaign, a contest). Ids are deterministic, so
 * seeding again issues nothing. The author level is the hook for author levels (a kind, issued here by hand).
 */
import type { Database } from '../../server/core';
import { COLLECTIONS } from '../../server/core';
import { certificateId, issueCertificate } from '../../server/core/certificates';
import { findById } from '../../server/core';
import type { CampaignCertificateDoc, CertificateDoc, CertificateKind } from '../../typings/domain';
import type { buildDemoCompany } from './company';

async function firstOf(
  db: Database,
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  where: Record<string, unknown>,
): Promise<{ _id: string; title?: string } | null> {
  const { data } = (await db.collection(collection).where(where).limit(1).get()) as unknown as { data: { _id: string; title?: string }[] };
  return data[0] ?? null;
}

export async function seedCertificateDemo(db: Database, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<{ certificates: number }> {
  const identity = company.identities.find((each) => each.role === 'learner');
  const member = company.members.find((each) => each._id === identity?.memberId);
  if (!member) return { certificates: 0 };
  const course = await firstOf(db, COLLECTIONS.courses, { status: 'published' });
  const series = await firstOf(db, COLLECTIONS.series, {});
  const assignment = await firstOf(db, COLLECTIONS.assignments, { status: 'active' });
  const campaign = await firstOf(db, COLLECTIONS.campaigns, { status: 'published' });
  const contest = await firstOf(db, COLLECTIONS.contests, {});
  const who = { memberId: member._id, memberName: member.name, departmentPath: member.departmentPath };
  const plain: { kind: Exclude<CertificateKind, 'campaign'>; source: string; achievement: string; detail: string }[] = [
    { kind: 'course', source: course?._id ?? 'demo-course', achievement: course?.title ?? '高效沟通的五个习惯', detail: '课程测验 92 分，通过' },
    { kind: 'series', source: series?._id ?? 'demo-series', achievement: series?.title ?? '新任经理必修系列', detail: '全部课程完成并通过测验' },
    { kind: 'assignment', source: assignment?._id ?? 'demo-assignment', achievement: assignment?.title ?? '信息安全意识', detail: '按时完成必修课' },
    {
      kind: 'contest_award',
      source: `${contest?._id ?? 'demo-contest'}:award-1`,
      achievement: `${contest?.title ?? '微课大赛'} 一等奖`,
      detail: '作品《三分钟讲清楚》',
    },
    { kind: 'author_level', source: 'level-blue', achievement: '蓝带讲师', detail: '发布 6 门课程，平均评分 4.6' },
    { kind: 'author_award', source: 'demo-award', achievement: '年度最受欢迎作者', detail: '全年学员 1,204 人' },
  ];
  let issued = 0;
  const wasNew = async (kind: CertificateKind, source: string) =>
    !(await findById<CertificateDoc>(db, COLLECTIONS.certificates, certificateId(kind, source, member._id)));
  for (const [index, each] of plain.entries()) {
    if (!(await wasNew(each.kind, each.source))) continue;
    await issueCertificate<CertificateDoc>(
      db,
      { ...each, ...who, number: `ZS${now.getUTCFullYear()}-${String(index + 1).padStart(4, '0')}` },
      new Date(now.getTime() - (plain.length - index) * 86_400_000),
    );
    issued += 1;
  }
  const campaignId = campaign?._id ?? 'demo-campaign';
  if (await wasNew('campaign', campaignId)) {
    const title = campaign?.title ?? '21 天晨读打卡';
    await issueCertificate<CampaignCertificateDoc>(
      db,
      {
        kind: 'campaign',
        source: campaignId,
        ...who,
        number: `WK-DEMO-${member._id.slice(-4)}`,
        achievement: title,
        detail: '打卡 21/21 天',
        campaignId,
        campaignTitle: title,
        daysCheckedIn: 21,
        plannedDays: 21,
      },
      now,
    );
    issued += 1;
  }
  return { certificates: issued };
}
