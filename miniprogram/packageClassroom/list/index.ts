/** 线下课: sessions I may sign up for or signed up for, soonest first, with their phase and my part. */
import { listSessions } from '../../services/classroom';
import { definePagedListPage } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';
import { toSessionCard } from '../shared/cards';

type CardEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  fetchPage: (page, pageSize) => listSessions(page, pageSize),
  toView: toSessionCard,
  methods: {
    onOpen(event: CardEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: routeUrl('packageClassroom/session', { id }) });
    },
  },
});
