/** Role scopes (server/core/scope.ts): subtrees by department id, as later features use them. */
import { inScope, isInSubtree, scopeFor } from '../../server/core';

describe('isInSubtree', () => {
  it.each([
    ['dept:华东分公司', 'dept:华东分公司', true],
    ['dept:华东分公司/销售一部', 'dept:华东分公司', true],
    ['dept:华东分公司/销售一部/一组', 'dept:华东分公司', true],
    ['dept:华东分公司-旧', 'dept:华东分公司', false],
    ['dept:华东', 'dept:华东分公司', false],
    ['dept:总部', 'dept:华东分公司', false],
  ])('%s in %s: %s', (department, root, expected) => {
    expect(isInSubtree(department, root)).toBe(expected);
  });
});

describe('scopeFor and inScope', () => {
  it('learner covers everything; an unscoped grant covers everything; no grant covers nothing', () => {
    expect(scopeFor({ roles: [] }, 'learner')).toBe('all');
    expect(scopeFor({ roles: [{ role: 'trainer' }, { role: 'trainer', scopeDepartmentId: 'dept:A' }] }, 'trainer')).toBe('all');
    expect(scopeFor({ roles: [{ role: 'judge' }] }, 'trainer')).toBeNull();
    expect(inScope('dept:A', null)).toBe(false);
  });

  it('collects scoped grants, dropping roots inside other roots', () => {
    const member = {
      roles: [
        { role: 'trainer' as const, scopeDepartmentId: 'dept:B/x' },
        { role: 'trainer' as const, scopeDepartmentId: 'dept:B' },
        { role: 'trainer' as const, scopeDepartmentId: 'dept:C' },
      ],
    };
    const scope = scopeFor(member, 'trainer');
    expect(scope).toEqual(['dept:B', 'dept:C']);
    expect(inScope('dept:B/y', scope)).toBe(true);
    expect(inScope('dept:C', scope)).toBe(true);
    expect(inScope('dept:D', scope)).toBe(false);
    expect(inScope('dept:D', 'all')).toBe(true);
  });
});
