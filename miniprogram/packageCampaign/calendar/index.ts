/**
 * 打卡日历: every planned day as done (已打卡), made up (已补卡), missed (未打卡), today or upcoming, laid out by
 * week (Monday first); current and longest streak and the make-up cards left. Tapping a missed day that can
 * be made up (within the window, cards left) opens 补卡 for it; tapping today opens 打卡; tapping a done or
 * made-up day shows what I wrote that day.
 */
import { campaignUrl, getCalendar, getMyCheckin, type CalendarDay, type CalendarView } from '../../services/campaign';
import { failureOf } from '../../utils/failure';
import { CALENDAR_DAY_STATUS_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { pictureUrls } from '../../utils/pictures';
import { beijingDateTime } from '../../utils/time';

interface CellView {
  key: string;
  /** '' for the blanks before the first day. */
  day: string;
  date: string;
  label: string;
  status: CalendarDay['status'] | 'blank';
  canMakeUp: boolean;
}

/** Monday 0 … Sunday 6 of a calendar day (no time zone involved: it is a date, not an instant). */
export function weekdayOf(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return (new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1)).getUTCDay() + 6) % 7;
}

export function calendarCells(days: readonly CalendarDay[]): CellView[] {
  const first = days[0];
  const blanks = first ? weekdayOf(first.day) : 0;
  const cells: CellView[] = Array.from({ length: blanks }, (_, index) => ({
    key: `blank-${index}`,
    day: '',
    date: '',
    label: '',
    status: 'blank',
    canMakeUp: false,
  }));
  for (const day of days) {
    const [, month, date] = day.day.split('-');
    cells.push({
      key: day.day,
      day: day.day,
      date: `${Number(month)}/${Number(date)}`,
      label: day.canMakeUp ? '可补卡' : CALENDAR_DAY_STATUS_LABELS[day.status],
      status: day.status,
      canMakeUp: day.canMakeUp,
    });
  }
  return cells;
}

interface SummaryView {
  currentStreak: number;
  longestStreak: number;
  cardsLeft: number;
  done: number;
  madeUp: number;
  missed: number;
  total: number;
}

function summaryOf(calendar: CalendarView): SummaryView {
  const count = (status: CalendarDay['status']) => calendar.days.filter((day) => day.status === status).length;
  return {
    currentStreak: calendar.currentStreak,
    longestStreak: calendar.longestStreak,
    cardsLeft: calendar.makeUpCardsLeft,
    done: count('done'),
    madeUp: count('made_up'),
    missed: count('missed'),
    total: calendar.days.length,
  };
}

/** My check-in of the tapped day. */
interface DayCheckinView {
  day: string;
  kind: string;
  text: string;
  pictures: string[];
  time: string;
  review: string;
}

type CellTap = WechatMiniprogram.BaseEvent<{}, { day?: string; src?: string }>;

defineLoadedPage({
  where: 'calendar',
  data: {
    campaignId: '',
    cells: [] as CellView[],
    summary: null as SummaryView | null,
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    selected: null as DayCheckinView | null,
    selectedError: '',
  },
  readQuery: (query) => ({ campaignId: query.id ?? '' }),
  refuse() {
    return this.data.campaignId ? '' : '活动不存在或已删除';
  },
  fetch() {
    return getCalendar(this.data.campaignId);
  },
  show: (calendar: CalendarView) => ({ cells: calendarCells(calendar.days), summary: summaryOf(calendar) }),
  /** Back from 打卡 or 补卡: the day's status changed. */
  reloadOnShow: true,
  methods: {
    onCellTap(event: CellTap) {
      const cell = this.data.cells.find((candidate) => candidate.day !== '' && candidate.day === event.currentTarget.dataset.day);
      if (!cell) return;
      if (cell.canMakeUp) wx.navigateTo({ url: campaignUrl('checkin', { id: this.data.campaignId, day: cell.day }) });
      else if (cell.status === 'today') wx.navigateTo({ url: campaignUrl('checkin', { id: this.data.campaignId }) });
      else if (cell.status === 'done' || cell.status === 'made_up') return this.showCheckin(cell.day);
      return Promise.resolve();
    },
    async showCheckin(day: string) {
      this.setData({ selected: null, selectedError: '' });
      try {
        const checkin = await getMyCheckin(this.data.campaignId, day);
        if (!checkin) {
          this.setData({ selectedError: '没有找到这一天的打卡记录' });
          return;
        }
        const urls = await pictureUrls(checkin.pictures);
        this.setData({
          selected: {
            day: `第 ${checkin.dayIndex} 天 · ${checkin.day}`,
            kind: checkin.kind === 'made_up' ? '补卡' : '按时打卡',
            text: checkin.text,
            pictures: checkin.pictures.map((fileID) => urls[fileID] ?? '').filter((url) => url !== ''),
            time: beijingDateTime(checkin.createdAt),
            review: checkin.review ? `${checkin.review.reviewerName} 点评：${checkin.review.text}` : '',
          },
        });
      } catch (error) {
        this.setData({ selectedError: failureOf(error, 'calendar').message });
      }
    },
    onPreview(event: CellTap) {
      const selected = this.data.selected;
      const current = event.currentTarget.dataset.src;
      if (selected && current) wx.previewImage({ urls: selected.pictures, current });
    },
  },
});
