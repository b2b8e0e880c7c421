/**
 * Teammates to invite, one row each (工号 and name, limits from the contract), added and removed here, up to
 * `max` rows. Event: change { rows } with every row as typed; the page reads them with shared/team.ts.
 */
import { CONTEST_LIMITS } from '../../../utils/limits';
import type { TeammateRow } from '../../shared/team';

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { index?: number; field?: 'no' | 'name' }>;

Component({
  properties: {
    rows: { type: Array, value: [] as TeammateRow[] },
    max: { type: Number, value: 0 },
    error: { type: String, value: '' },
  },
  data: { limits: CONTEST_LIMITS, added: 0 },
  methods: {
    hand(rows: TeammateRow[]) {
      this.triggerEvent('change', { rows });
    },
    onAdd() {
      const rows = this.data.rows as TeammateRow[];
      if (rows.length >= this.data.max) return;
      // A key no row had, so the fields of the other rows stay in place.
      const added = this.data.added + 1;
      this.setData({ added });
      this.hand([...rows, { key: `m${added}-${rows.length}`, no: '', name: '' }]);
    },
    onField(event: RowEvent) {
      const { index, field } = event.currentTarget.dataset;
      if (index === undefined || !field) return;
      this.hand((this.data.rows as TeammateRow[]).map((row, at) => (at === Number(index) ? { ...row, [field]: event.detail.value } : row)));
    },
    onRemove(event: WechatMiniprogram.BaseEvent<{}, { index?: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.hand((this.data.rows as TeammateRow[]).filter((_, at) => at !== index));
    },
  },
});
