/**
 * 操作日志 (company-wide admins): every points adjustment, role grant and revocation, unbind, roster import,
 * vote voiding and ceiling change, newest first. Filters: kind, Beijing date range, and the actor (tap a
 * name to see only their changes). Export sends the filtered log to Excel.
 */
import { exportAuditLog, listAuditLog, type AuditEntry, type AuditFilter, type AuditKind } from '../../services/admin';
import { failureOf } from '../../utils/failure';
import { AUDIT_ACTION_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { toast } from '../../utils/ui';
import { openWorkbook } from '../../utils/workbook';
import { beijingDateTime } from '../../utils/time';

interface AuditRow {
  id: string;
  kind: string;
  time: string;
  actorId: string | null;
  actor: string;
  target: string;
  summary: string;
}

const toRow = (entry: AuditEntry): AuditRow => ({
  id: entry.id,
  kind: AUDIT_ACTION_LABELS[entry.action],
  time: beijingDateTime(entry.at),
  actorId: entry.actorId,
  actor: entry.actorName,
  target: entry.targetName,
  summary: entry.summary,
});

const KINDS = (Object.keys(AUDIT_ACTION_LABELS) as AuditKind[]).map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] }));
const KIND_OPTIONS = [{ value: '', label: '全部操作' }, ...KINDS];

interface FilterData {
  /** '' for every kind. */
  kind: string;
  fromDay: string;
  toDay: string;
  actorId: string;
}

/** The filters shown, as the actions take them (empty ones left out). */
function filterOf({ kind, fromDay, toDay, actorId }: FilterData): AuditFilter {
  return {
    ...(kind ? { kind: kind as AuditKind } : {}),
    ...(fromDay ? { fromDay } : {}),
    ...(toDay ? { toDay } : {}),
    ...(actorId ? { actorId } : {}),
  };
}

/** components/picker-field's change: the chosen kind ('' for all). */
type KindEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type DayEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { end?: 'from' | 'to' }>;
type ActorEvent = WechatMiniprogram.BaseEvent<{}, { id?: string; name?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listAuditLog(filterOf(this.data), page, pageSize);
  },
  toView: toRow,
  data: {
    kindOptions: KIND_OPTIONS,
    kind: '',
    fromDay: '',
    toDay: '',
    actorId: '',
    actorName: '',
    exporting: false,
  },
  methods: {
    onKind(event: KindEvent) {
      const kind = event.detail.value;
      if (kind === this.data.kind) return undefined;
      return this.reloadWith({ kind });
    },
    onDay(event: DayEvent) {
      const end = event.currentTarget.dataset.end;
      if (!end) return undefined;
      const patch = end === 'from' ? { fromDay: event.detail.value } : { toDay: event.detail.value };
      const fromDay = patch.fromDay ?? this.data.fromDay;
      const toDay = patch.toDay ?? this.data.toDay;
      if (fromDay && toDay && fromDay > toDay) {
        toast('开始日期不能晚于结束日期');
        return undefined;
      }
      return this.reloadWith(patch);
    },
    onClearDays() {
      return this.reloadWith({ fromDay: '', toDay: '' });
    },
    onActor(event: ActorEvent) {
      const { id, name } = event.currentTarget.dataset;
      if (!id || id === this.data.actorId) return undefined;
      return this.reloadWith({ actorId: id, actorName: name ?? '' });
    },
    onClearActor() {
      return this.reloadWith({ actorId: '', actorName: '' });
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const exported = await exportAuditLog(filterOf(this.data));
        if (exported.rows === 0) {
          toast('没有可导出的记录');
          return;
        }
        await openWorkbook(exported.url);
      } catch (error) {
        toast(failureOf(error, 'audit-log', '导出失败，请稍后重试').message);
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
