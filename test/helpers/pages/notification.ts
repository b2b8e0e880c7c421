/** Shared fixtures for the message centre's pages: contract-shaped notifications and settings. */
import type { NotificationKind } from '../../../typings/domain';
import type { NotificationSettingsView, NotificationView } from '../../../typings/functions/notification';

export function notification(id: string, overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id,
    kind: 'order_shipped',
    title: '礼品已发放：定制马克杯',
    body: '请留意领取',
    page: '/packagePoints/orders/index',
    read: false,
    // 2026-03-01 10:00 in Beijing.
    createdAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

const KINDS: NotificationKind[] = [
  'required_course',
  'due_tomorrow',
  'overdue',
  'signup_approved',
  'vote_results',
  'order_shipped',
  'certificate_issued',
  'session_tomorrow',
];

/** Every kind on; `templates` gives a kind its template and subscriptions left. */
export function settings(
  off: NotificationKind[] = [],
  templates: Partial<Record<NotificationKind, { templateId: string; remaining: number }>> = {},
): NotificationSettingsView {
  return {
    kinds: KINDS.map((kind) => ({
      kind,
      enabled: !off.includes(kind),
      templateId: templates[kind]?.templateId ?? null,
      remaining: templates[kind]?.remaining ?? 0,
    })),
  };
}
