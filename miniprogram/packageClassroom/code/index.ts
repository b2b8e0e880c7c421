/**
 * 签到码: the trainer's screen during class. It shows the session's mini-program code and asks for the next
 * one when the server says (every 30 seconds: the code carries a short-lived token, so a photo of it sent
 * to someone at home soon stops working), with the count of members attended so far.
 */
import { attendanceCode, type AttendanceCode } from '../../services/classroom';
import { defineLoadedPage } from '../../utils/loaded-page';

/** Never ask more often than this, whatever the clocks say. */
const MIN_REFRESH_MS = 5_000;

let timer: ReturnType<typeof setTimeout> | null = null;

function stopTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

defineLoadedPage({
  where: 'classroom-code',
  readQuery: (query) => ({ id: query.id ?? '' }),
  data: { id: '', code: '', attended: 0, signedUp: 0 },
  fetch() {
    stopTimer();
    return attendanceCode(this.data.id);
  },
  show: (shown: AttendanceCode) => ({ code: shown.code, attended: shown.attended, signedUp: shown.signedUp }),
  afterShow(shown) {
    stopTimer();
    timer = setTimeout(() => void this.load(), Math.max(MIN_REFRESH_MS, new Date(shown.refreshAt).getTime() - Date.now()));
  },
  methods: {
    onUnload() {
      stopTimer();
    },
  },
});
