/**
 * 签到码: the trainer's screen during class. It shows the session's mini-program code and asks for the next
 * one when the server says (every 30 seconds: the code carries a short-lived token, so a photo of it sent
 * to someone at home soon stops working), with the count of members attended so far.
 */
import { attendanceCode } from '../../services/classroom';
import { failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';

/** Never ask more often than this, whatever the clocks say. */
const MIN_REFRESH_MS = 5_000;

let timer: ReturnType<typeof setTimeout> | null = null;

function stopTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

definePage({
  data: {
    id: '',
    status: 'loading' as 'loading' | 'ready' | 'error',
    code: '',
    attended: 0,
    signedUp: 0,
    message: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ id: query.id ?? '' });
      void this.refresh();
    },
    onUnload() {
      stopTimer();
    },
    async refresh() {
      stopTimer();
      try {
        const shown = await attendanceCode(this.data.id);
        this.setData({ status: 'ready', code: shown.code, attended: shown.attended, signedUp: shown.signedUp, message: '' });
        timer = setTimeout(() => void this.refresh(), Math.max(MIN_REFRESH_MS, new Date(shown.refreshAt).getTime() - Date.now()));
      } catch (error) {
        this.setData({ status: 'error', message: failureOf(error, 'classroom-code').message });
      }
    },
    onRetry() {
      void this.refresh();
    },
  },
});
