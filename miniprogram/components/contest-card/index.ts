/** One contest as a card (poster, title, theme, current round and phase, an optional note); a tap opens its url. */
import type { ContestCardView } from './view';

Component({
  properties: {
    contest: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      const contest = this.data.contest as ContestCardView;
      if (contest.url) wx.navigateTo({ url: contest.url });
    },
  },
});
