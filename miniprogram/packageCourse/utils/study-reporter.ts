/**
 * The one place that reports study progress (有效学习时长) to the `learning` function. It reports every
 * `intervalMs` while the learner is really learning: a media player playing, or an article read in the
 * foreground. A report is also sent when learning starts (so the server's clock starts there), and one final
 * report when it stops (pause, page hidden, app in the background, leaving). Nothing is sent while paused or
 * hidden. Every report carries this opening's session id and an increasing seq; the server credits at most the
 * real time between reports and ignores replays, so a lost report only loses that report.
 */
import { reportStudy, type StudyReportInput, type StudyReportResult, type StudyState } from '../../services/learning';
import { newClientId } from './client-id';

export const REPORT_INTERVAL_MS = 15_000;

/** `media`: video and audio, learning while playing. `reading`: articles, text and H5, learning while shown. */
export type StudyMode = 'media' | 'reading';

export interface StudyReporterOptions {
  courseId: string;
  mode: StudyMode;
  /** Seconds into the media (media), or reading progress in percent (reading). */
  position(): number;
  onResult?(result: StudyReportResult): void;
  intervalMs?: number;
  /** The transport call; tests may pass their own. */
  send?(input: StudyReportInput): Promise<StudyReportResult>;
}

/** Why learning stopped, as the final report's state. */
type StopState = Extract<StudyState, 'paused' | 'background'>;

export class StudyReporter {
  readonly sessionId = newClientId('s');
  private readonly options: StudyReporterOptions;
  private readonly send: (input: StudyReportInput) => Promise<StudyReportResult>;
  private seq = 0;
  /** Media: playing. Reading: true while the player is open. */
  private engaged: boolean;
  private pageVisible = true;
  private appForeground = true;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Reports go out one after another, in seq order. */
  private queue: Promise<void> = Promise.resolve();
  private readonly onAppHide = (): void => this.update(() => (this.appForeground = false), 'background');
  private readonly onAppShow = (): void => this.update(() => (this.appForeground = true), 'background');

  constructor(options: StudyReporterOptions) {
    this.options = options;
    this.send = options.send ?? reportStudy;
    this.engaged = options.mode === 'reading';
    // wx.onAppHide exists from base library 2.1.2; without it page onHide still stops reporting.
    if (typeof wx.onAppHide === 'function') {
      wx.onAppHide(this.onAppHide);
      wx.onAppShow(this.onAppShow);
    }
    if (this.active) this.begin();
  }

  /** True while time counts: engaged, page shown, app in the foreground, not closed. */
  get active(): boolean {
    return this.engaged && this.pageVisible && this.appForeground && !this.closed;
  }

  play(): void {
    this.update(() => (this.engaged = true), 'paused');
  }

  pause(): void {
    this.update(() => (this.engaged = false), 'paused');
  }

  pageShow(): void {
    this.update(() => (this.pageVisible = true), 'background');
  }

  pageHide(): void {
    this.update(() => (this.pageVisible = false), 'background');
  }

  /** A jump in position (seek, reading to the end): reported at once while active. */
  moved(): void {
    if (this.active) this.report(this.learningState());
  }

  /** Leaving the player: the final report, and no more listening. */
  close(): void {
    if (this.closed) return;
    this.update(() => (this.closed = true), 'paused');
    if (typeof wx.offAppHide === 'function') {
      wx.offAppHide(this.onAppHide);
      wx.offAppShow(this.onAppShow);
    }
  }

  /** Resolves when every report queued so far has been answered (or failed). */
  flush(): Promise<void> {
    return this.queue;
  }

  private update(change: () => void, stopState: StopState): void {
    const wasActive = this.active;
    change();
    if (!wasActive && this.active) this.begin();
    else if (wasActive && !this.active) this.stop(stopState);
  }

  private begin(): void {
    this.report(this.learningState());
    this.timer = setInterval(() => this.report(this.learningState()), this.options.intervalMs ?? REPORT_INTERVAL_MS);
  }

  private stop(state: StopState): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.report(state);
  }

  private learningState(): StudyState {
    return this.options.mode === 'media' ? 'playing' : 'reading';
  }

  private report(state: StudyState): void {
    const input: StudyReportInput = {
      courseId: this.options.courseId,
      sessionId: this.sessionId,
      seq: this.seq,
      position: Math.max(0, Math.round(this.options.position() * 10) / 10),
      state,
      clientTime: Date.now(),
    };
    this.seq += 1;
    this.queue = this.queue.then(async () => {
      try {
        const result = await this.send(input);
        this.options.onResult?.(result);
      } catch (error) {
        // The next report makes up for it (the server credits the time since the last report it accepted).
        console.warn('[study-reporter] report failed', error);
      }
    });
  }
}
