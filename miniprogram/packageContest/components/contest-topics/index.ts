/**
 * 选题 of a contest (admin-contest): each topic's title, description and 业务痛点 flag (a pain point earns
 * a bonus), added and removed here; the page keeps the list and checks it when it saves. Event: change
 * { topics } with the whole new list.
 */
import { CONTEST_LIMITS } from '../../../utils/limits';
import { datasetIndex, type DataEvent } from '../../../utils/events';
import { textProperty } from '../../../components/properties';
import { freshId, withField, without } from '../../shared/rows';

export interface TopicRow {
  id: string;
  title: string;
  description: string;
  painPoint: boolean;
}

Component({
  options: { addGlobalClass: true },
  properties: {
    topics: { type: Array, value: [] as TopicRow[] },
    /** The page's check of the list, in Chinese. */
    error: textProperty(),
  },
  data: { limits: CONTEST_LIMITS },
  methods: {
    change(topics: TopicRow[]) {
      this.triggerEvent('change', { topics });
    },
    onAdd() {
      const topics = this.data.topics as TopicRow[];
      this.change([...topics, { id: freshId('t', topics), title: '', description: '', painPoint: false }]);
    },
    /** A topic's title, description (kit fields) or pain-point flag (t-switch). */
    onField(event: WechatMiniprogram.CustomEvent<{ value: string | boolean }, {}, { index?: number; field?: keyof TopicRow }>) {
      const { index, field } = event.currentTarget.dataset;
      this.change(withField(this.data.topics as TopicRow[], datasetIndex(index), field, event.detail.value));
    },
    onRemove(event: DataEvent<{ index?: number }>) {
      this.change(without(this.data.topics as TopicRow[], datasetIndex(event.currentTarget.dataset.index)));
    },
  },
});
