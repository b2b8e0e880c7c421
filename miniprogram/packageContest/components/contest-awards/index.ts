/**
 * 奖项 of a contest (admin-contest): each award's kind (computed from the final's ranking, or named and given
 * by hand), name, scoring dimension for a best-dimension award, winners and points, added and removed here;
 * the page keeps the list and checks it when it saves. Event: change { awards } with the whole new list.
 */
import type { ContestAwardKind } from '../../../../typings/domain';
import { CONTEST_AWARD_KIND_LABELS } from '../../../utils/labels';
import { CONTEST_LIMITS } from '../../../utils/limits';
import { datasetIndex, type DataEvent, type InputEvent } from '../../../utils/events';
import { textProperty } from '../../../components/properties';
import { freshId, withField, without } from '../../shared/rows';

export interface AwardRow {
  id: string;
  kind: ContestAwardKind;
  name: string;
  dimensionId: string;
  winners: string;
  points: string;
}

const AWARD_KINDS = (Object.keys(CONTEST_AWARD_KIND_LABELS) as ContestAwardKind[]).map((value) => ({ value, label: CONTEST_AWARD_KIND_LABELS[value] }));

Component({
  options: { addGlobalClass: true },
  properties: {
    awards: { type: Array, value: [] as AwardRow[] },
    /** The final round's scoring dimensions, { value, label }. */
    dimensions: { type: Array, value: [] as { value: string; label: string }[] },
    /** The page's check of the list, in Chinese. */
    error: textProperty(),
  },
  data: { limits: CONTEST_LIMITS, awardKinds: AWARD_KINDS },
  methods: {
    change(awards: AwardRow[]) {
      this.triggerEvent('change', { awards });
    },
    onAdd() {
      const awards = this.data.awards as AwardRow[];
      const dimensionId = (this.data.dimensions as { value: string }[])[0]?.value ?? '';
      this.change([...awards, { id: freshId('a', awards), kind: 'named', name: '', dimensionId, winners: '1', points: '0' }]);
    },
    /** An award's name, winners, points (kit fields), kind or dimension (picker-field). */
    onField(event: InputEvent & DataEvent<{ index?: number; field?: keyof AwardRow }>) {
      const { index, field } = event.currentTarget.dataset;
      this.change(withField(this.data.awards as AwardRow[], datasetIndex(index), field, event.detail.value));
    },
    onRemove(event: DataEvent<{ index?: number }>) {
      this.change(without(this.data.awards as AwardRow[], datasetIndex(event.currentTarget.dataset.index)));
    },
  },
});
