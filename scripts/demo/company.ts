/**
 * A deterministic demo company: about 200 employees in a headquarters and four branches, with one demo
 * identity per role. The same seed always gives the same company, so demo instructions stay valid.
 */

import type { DepartmentDoc, JobLevel, MemberDoc } from '../../typings/domain';
import type { Role } from '../../typings/roles';
import { departmentChain, departmentId, memberId } from '../../server/roster';

type DemoMember = MemberDoc & { mobile?: string };

export interface DemoIdentity {
  role: Role;
  name: string;
  openid: string;
  memberId: string;
}

/** Headquarters and branches with their teams; numbers are the teams' sizes. */
const ORG: Record<string, Record<string, number>> = {
  总部: { '人力资源部/培训中心': 8, 人力资源部: 6, 财务部: 8, 信息技术部: 12, 市场部: 10, 法务合规部: 6, 总经办: 4 },
  华东分公司: { 销售一部: 18, 销售二部: 14, 客户服务部: 12, 综合管理部: 5 },
  华南分公司: { 销售部: 20, 客户服务部: 10, 综合管理部: 5 },
  华北分公司: { 销售部: 16, 客户服务部: 11, 综合管理部: 5 },
  西南分公司: { 销售部: 14, 客户服务部: 12, 综合管理部: 4 },
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '晨',
  '欣怡',
  '子涵',
  '浩然',
  '雨桐',
  '思远',
  '嘉怡',
  '一鸣',
  '梓萱',
  '宇航',
];

/** Small, seedable PRNG (mulberry32) so the demo company is reproducible. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildDemoCompany(today: Date, seed = 20261127) {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const departments = new Map<string, DepartmentDoc>();
  const addDepartment = (path: string[]): DepartmentDoc => {
    for (const department of departmentChain(path)) departments.set(department._id, department);
    return departments.get(departmentId(path)) as DepartmentDoc;
  };

  const members: DemoMember[] = [];
  let serial = 10001;
  for (const [unit, teams] of Object.entries(ORG)) {
    for (const [team, size] of Object.entries(teams)) {
      const department = addDepartment([unit, ...team.split('/')]);
      for (let i = 0; i < size; i += 1) {
        const jobLevel: JobLevel =
          i === 0
            ? department.path.length === 2
              ? 'middle_senior_manager'
              : 'first_line_manager'
            : i === 1 && size > 10
              ? 'first_line_manager'
              : 'individual';
        // A tenth of the company joined within the last two months: the new-hire audience.
        const daysAgo = random() < 0.1 ? Math.floor(random() * 60) : 60 + Math.floor(random() * 3000);
        const hire = new Date(today.getTime() - daysAgo * 86_400_000);
        const employeeNo = `E${serial}`;
        serial += 1;
        members.push({
          _id: memberId(employeeNo),
          employeeNo,
          name: pick([...SURNAMES]) + pick(GIVEN),
          departmentId: department._id,
          departmentPath: department.path,
          jobLevel,
          hireDate: hire.toISOString().slice(0, 10),
          mobile: random() < 0.7 ? `1${38 + Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : undefined,
          active: true,
          // Every active member is a learner without a grant (typings/roles.ts).
          roles: [],
        });
      }
    }
  }

  // Demo identities: one member per role, bound to a fixed openid so the app's dev switcher can use it.
  const byDepartment = (path: string) => members.filter((m) => m.departmentPath.join('/') === path);
  const identityPlan: { role: Role; openid: string; member: DemoMember; scopeDepartmentId?: string }[] = [
    { role: 'admin', openid: 'demo-admin', member: byDepartment('总部/人力资源部/培训中心')[0] as DemoMember },
    { role: 'trainer', openid: 'demo-trainer', member: byDepartment('总部/人力资源部/培训中心')[1] as DemoMember },
    {
      role: 'trainer',
      openid: 'demo-branch-trainer',
      member: byDepartment('华东分公司/综合管理部')[1] as DemoMember,
      scopeDepartmentId: departmentId(['华东分公司']),
    },
    { role: 'reviewer', openid: 'demo-reviewer', member: byDepartment('总部/信息技术部')[0] as DemoMember },
    { role: 'judge', openid: 'demo-judge', member: byDepartment('总部/市场部')[0] as DemoMember },
    { role: 'learner', openid: 'demo-learner', member: byDepartment('华东分公司/销售一部')[3] as DemoMember },
  ];
  const identities: DemoIdentity[] = identityPlan.map(({ role, openid, member, scopeDepartmentId }) => {
    if (role !== 'learner') member.roles.push(scopeDepartmentId ? { role, scopeDepartmentId } : { role });
    return { role, name: member.name, openid, memberId: member._id };
  });
  // People who left keep their history but can no longer use the app.
  for (const member of members.slice(-3)) member.active = false;

  // WeChat's side (手机号验证): each demo WeChat user's verified number is the roster's 手机 of the member it
  // stands for, so binding in local mode works as on a phone. demo-visitor is not bound and stands for one
  // roster member it may bind as (工号 + 姓名 + 手机号验证).
  const visitorMember = byDepartment('华东分公司/销售一部')[5] as DemoMember;
  const visitor: DemoIdentity = { role: 'learner', name: visitorMember.name, openid: 'demo-visitor', memberId: visitorMember._id };
  const wechatPhones: Record<string, string> = {};
  for (const { openid, memberId: id } of [...identities, visitor]) {
    const member = members.find((candidate) => candidate._id === id) as DemoMember;
    member.mobile ??= `1390${id.replace(/\D/g, '').padStart(7, '0').slice(-7)}`;
    wechatPhones[openid] = member.mobile;
  }

  return { departments: [...departments.values()], members, identities, visitor, wechatPhones };
}
