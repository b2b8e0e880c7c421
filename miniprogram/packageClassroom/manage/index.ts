/** 线下课管理: the sessions I manage (my scope), newest start first; a new one opens the editor. */
import { listManagedSessions } from '../../services/classroom';
import { definePagedListPage } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';
import { toSessionCard } from '../shared/cards';

type CardEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  fetchPage: (page, pageSize) => listManagedSessions(page, pageSize),
  toView: toSessionCard,
  methods: {
    onOpen(event: CardEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: routeUrl('packageClassroom/report', { id }) });
    },
    onCreate() {
      wx.navigateTo({ url: routeUrl('packageClassroom/editor', {}) });
    },
  },
});
