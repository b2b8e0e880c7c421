/**
 * 分享落地页: where shared links (?token=) and poster mini-program codes (?scene=) land. It records the open
 * (share.open) and sends a member on to the shared page; anyone else sees that the content is for employees
 * only and how to bind, never the content (the backend answers them no target at all).
 */
import { HOME_TAB_URL, leaveForBinding } from '../../services/gate';
import { openShare } from '../../services/share';
import { failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import { shareTokenOf, targetUrl } from '../../utils/share';

/** loading → redirecting (member) | outsider | invalid (no or unknown token) | error (retry). */
type LandingState = 'loading' | 'redirecting' | 'outsider' | 'invalid' | 'error';

definePage({
  data: {
    state: 'loading' as LandingState,
    message: '',
    token: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const token = shareTokenOf(query);
      if (token === null) {
        this.setData({ state: 'invalid' });
        return Promise.resolve();
      }
      this.setData({ token });
      return this.open();
    },
    async open() {
      this.setData({ state: 'loading', message: '' });
      try {
        const opened = await openShare(this.data.token);
        if (!opened.member) {
          this.setData({ state: 'outsider' });
          return;
        }
        this.setData({ state: 'redirecting' });
        // Replaces the landing page, so 返回 leads out of the share rather than back to this page.
        wx.redirectTo({ url: targetUrl(opened.target) });
      } catch (error) {
        const failure = failureOf(error, 'share-landing');
        this.setData(failure.code === 'NOT_FOUND' ? { state: 'invalid' } : { state: 'error', message: failure.message });
      }
    },
    onRetry() {
      return this.open();
    },
    onBind() {
      leaveForBinding('not-member');
    },
    onHome() {
      wx.switchTab({ url: HOME_TAB_URL });
    },
  },
});
