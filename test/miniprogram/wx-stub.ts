/**
 * The `wx` that pages see in tests: a fake backend answering both wx.cloud.callFunction (cloud mode) and
 * wx.request to the local gateway (local mode), in-memory storage, and recorded toasts, navigation and
 * stopPullDownRefresh. miniprogram-simulate merges its own API into this object when it loads.
 */
import type { Envelope } from '../../typings/envelope';
import type { ErrorCode } from '../../typings/errors';

/** How the fake backend answers one call, in wx.cloud.callFunction's shapes. */
export type BackendAnswer = { result: unknown; requestID?: string } | { errCode: number; errMsg: string; requestID?: string } | { networkError: string };

export interface BackendCall {
  name: string;
  event: Record<string, unknown>;
  /** The x-weike-openid header in local mode; null in cloud mode. */
  openid: string | null;
  via: 'cloud' | 'gateway';
}

export type BackendHandler = (call: BackendCall) => BackendAnswer;

export interface WxRequestRecord {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}

/** The caller in cloud mode, where WeChat (not a header) supplies the openid. */
export const STUB_CLOUD_OPENID = 'o-cloud-tester';

/** The successful answer carrying `data`, typed by it (test/helpers/backend.ts checks it against the contract). */
export function ok<T>(data: T, requestId = 'req-test'): { result: Envelope<T>; requestID: string } {
  const envelope: Envelope<T> = { ok: true, data, requestId };
  return { result: envelope, requestID: requestId };
}

export function failure(code: ErrorCode, message: string, requestId = 'req-test'): { result: Envelope<never>; requestID: string } {
  const envelope: Envelope<never> = { ok: false, code, message, requestId };
  return { result: envelope, requestID: requestId };
}

type Callbacks<S> = { success?: (res: S) => void; fail?: (err: { errMsg: string; errCode?: number }) => void; complete?: () => void };

/** A file uploaded through wx.cloud.uploadFile (cloud mode) or the gateway's /gateway/uploadFile (local mode). */
export interface UploadRecord {
  via: 'cloud' | 'gateway';
  cloudPath: string;
  /** The file's bytes as text (what the gateway received, or the temp file wx.cloud read). */
  content: string;
  openid: string | null;
  contentType?: string;
}

export type UploadAnswer = { fileID: string } | { errCode: number; errMsg: string };

/** A wx.cloud.getTempFileURL (cloud mode) or /gateway/getTempFileURL (local mode) call: the fileIDs asked for. */
export interface TempUrlRecord {
  via: 'cloud' | 'gateway';
  fileList: string[];
}

export interface ModalRecord {
  title?: string;
  content?: string;
}

export interface ChosenFile {
  path: string;
  name: string;
  size: number;
}

export interface OpenedDocument {
  filePath: string;
  fileType?: string;
  showMenu?: boolean;
}

/**
 * A wx.createInnerAudioContext() the test drives: play() and pause() fire the page's onPlay / onPause
 * listeners as the real context does once playback starts or stops; emit() fires any other event.
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/audio/InnerAudioContext.html
 */
export interface FakeAudio {
  src: string;
  startTime: number;
  currentTime: number;
  played: number;
  destroyed: boolean;
  play(): void;
  pause(): void;
  destroy(): void;
  /** Fires the listener the page registered with on<Event> ('timeUpdate', 'ended', 'error'…). */
  emit(event: string): void;
}

function createFakeAudio(): FakeAudio {
  const listeners = new Map<string, () => void>();
  const audio: FakeAudio = {
    src: '',
    startTime: 0,
    currentTime: 0,
    played: 0,
    destroyed: false,
    play() {
      audio.played += 1;
      audio.emit('play');
    },
    pause() {
      audio.emit('pause');
    },
    destroy() {
      audio.destroyed = true;
    },
    emit(event) {
      listeners.get(event.toLowerCase())?.();
    },
  };
  for (const event of ['Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Seeked', 'Error', 'Canplay', 'Waiting']) {
    (audio as unknown as Record<string, unknown>)[`on${event}`] = (listener: () => void) => listeners.set(event.toLowerCase(), listener);
  }
  return audio;
}

export type ChosenMedia = string | { tempFilePath: string; duration?: number };

export interface WxStub {
  handler: BackendHandler;
  /** How uploads answer; by default they succeed with a fileID under cloud://local-bucket/. */
  uploadHandler: (upload: UploadRecord) => UploadAnswer;
  uploads: UploadRecord[];
  /** fileID → temporary URL, or null for a file that cannot be resolved; by default a URL under http://127.0.0.1:8787/storage/. */
  tempUrlHandler: (fileID: string) => string | null;
  tempUrlCalls: TempUrlRecord[];
  /** Temp files the page can read (wx.getFileSystemManager().readFile) or upload; path → text content. */
  files: Map<string, string>;
  /** What wx.chooseMessageFile answers: the chosen files, or 'cancel'. Unset: the test did not expect it. */
  chooseMessageFileAnswer: ChosenFile[] | 'cancel' | null;
  chooseMessageFileOptions: unknown[];
  /**
   * What wx.chooseMedia answers: the chosen temp files (a path, or a path with a video's duration in seconds),
   * or 'cancel'. Unset: the test did not expect it.
   */
  chooseMediaAnswer: ChosenMedia[] | 'cancel' | null;
  chooseMediaOptions: unknown[];
  /**
   * Answers to the confirm dialog (utils/ui.ts confirmModal on TDesign's t-dialog) in order, true = 确定; the
   * harness taps the dialog's button and records what it showed in `modals`. An unexpected dialog fails the test.
   */
  modalAnswers: boolean[];
  modals: ModalRecord[];
  clipboard: string[];
  relaunches: string[];
  navigateBacks: number;
  calls: BackendCall[];
  requests: WxRequestRecord[];
  storage: Map<string, unknown>;
  toasts: string[];
  switchTabs: string[];
  /** wx.setTabBarBadge / wx.removeTabBarBadge in order: `<index>:<text>`, or `<index>:` when removed. */
  tabBarBadges: string[];
  navigations: string[];
  stopPullDownRefreshCount: number;
  cloudInits: unknown[];
  /**
   * The device APIs below in call order, for tests of a flow's sequence: 'getSetting', 'openSetting',
   * 'saveImageToPhotosAlbum <path>', 'canvasToTempFilePath', 'downloadFile <url>', 'openDocument <path>',
   * 'requestSubscribeMessage <ids,…>'.
   */
  deviceCalls: string[];
  /** wx.requestSubscribeMessage: the template ids of each panel shown, and the user's answer per id (unlisted: 'accept'). */
  subscribePanels: string[][];
  subscribeAnswers: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
  /** scope.writePhotosAlbum as wx.getSetting reports it; undefined: never asked (the default). */
  albumPermission: boolean | undefined;
  /** Whether the user turns the album permission on in wx.openSetting (default no). */
  allowAlbumInSettings: boolean;
  /** The errMsg each wx.saveImageToPhotosAlbum fails with, in turn; none left: it saves. */
  saveImageFailures: string[];
  savedImages: string[];
  /** The canvas node each wx.canvasToTempFilePath exported; it answers canvasTempFilePath. */
  exportedCanvases: unknown[];
  canvasTempFilePath: string;
  /** wx.downloadFile: the URLs asked for; each answers downloadStatus with downloadTempFilePath. */
  downloads: string[];
  downloadStatus: number;
  downloadTempFilePath: string;
  /** wx.openDocument: what was opened; fails with openDocumentError when set. */
  openedDocuments: OpenedDocument[];
  /** wx.scanCode: what each scan reads, in turn (`path` for a mini-program code); none left: the user cancels. */
  scans: { path?: string; result?: string }[];
  openDocumentError: string | null;
  /** Every wx.createInnerAudioContext() made, in order. */
  audios: FakeAudio[];
  /**
   * Local mode's /gateway/getPhoneNumber: the WeChat users with a phone number (openid → number); the
   * gateway answers the token `phone-code:<number>` for them, 400 for anyone else.
   */
  gatewayPhones: Record<string, string>;
  reset(): void;
}

/** The stub test/miniprogram/setup.ts installed for this test file. */
export function wxStub(): WxStub {
  return (globalThis as unknown as { __weikeWxStub: WxStub }).__weikeWxStub;
}

const GATEWAY_PATH = '/gateway/callFunction';
const UPLOAD_PATH = '/gateway/uploadFile';
const TEMP_URL_PATH = '/gateway/getTempFileURL';
const PHONE_PATH = '/gateway/getPhoneNumber';

function defaultTempUrl(fileID: string): string {
  return `http://127.0.0.1:8787/storage/${fileID.replace(/^cloud:\/\/[^/]+\//, '')}`;
}

function defaultUpload(upload: UploadRecord): UploadAnswer {
  return { fileID: `cloud://local-bucket/${upload.cloudPath}` };
}

function decodeBody(data: unknown): string {
  // Checked by tag, not instanceof: jsdom and Node each have their own ArrayBuffer.
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return Buffer.from(data as ArrayBuffer).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  throw new Error(`the upload body must be an ArrayBuffer, got ${typeof data}`);
}

function toArrayBuffer(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function settle<S>(callbacks: Callbacks<S>, answer: () => { res?: S; err?: { errMsg: string; errCode?: number } }): void {
  // Real wx APIs answer asynchronously; so does the stub.
  setTimeout(() => {
    const { res, err } = answer();
    if (err) callbacks.fail?.(err);
    else callbacks.success?.(res as S);
    callbacks.complete?.();
  }, 0);
}

const DEVICE_DEFAULTS = {
  subscribeAnswers: {},
  albumPermission: undefined,
  allowAlbumInSettings: false,
  canvasTempFilePath: 'wxfile://tmp/canvas.png',
  downloadStatus: 200,
  downloadTempFilePath: 'wxfile://tmp/download.xlsx',
  openDocumentError: null,
} as const;

const ALBUM_SCOPE = 'scope.writePhotosAlbum';

function noBackend(call: BackendCall): BackendAnswer {
  throw new Error(`The test set no backend answer for ${call.name}.${String(call.event.action)}`);
}

export function createWxStub(): { stub: WxStub; wx: Record<string, unknown> } {
  const stub: WxStub = {
    handler: noBackend,
    calls: [],
    requests: [],
    storage: new Map(),
    toasts: [],
    switchTabs: [],
    tabBarBadges: [],
    navigations: [],
    stopPullDownRefreshCount: 0,
    cloudInits: [],
    uploadHandler: defaultUpload,
    uploads: [],
    tempUrlHandler: defaultTempUrl,
    tempUrlCalls: [],
    files: new Map(),
    chooseMessageFileAnswer: null,
    chooseMessageFileOptions: [],
    chooseMediaAnswer: null,
    chooseMediaOptions: [],
    modalAnswers: [],
    modals: [],
    clipboard: [],
    relaunches: [],
    navigateBacks: 0,
    ...DEVICE_DEFAULTS,
    deviceCalls: [],
    subscribePanels: [],
    saveImageFailures: [],
    savedImages: [],
    exportedCanvases: [],
    downloads: [],
    openedDocuments: [],
    scans: [],
    audios: [],
    gatewayPhones: {},
    reset() {
      stub.gatewayPhones = {};
      stub.handler = noBackend;
      stub.uploadHandler = defaultUpload;
      stub.uploads = [];
      stub.tempUrlHandler = defaultTempUrl;
      stub.tempUrlCalls = [];
      stub.files.clear();
      stub.chooseMessageFileAnswer = null;
      stub.chooseMessageFileOptions = [];
      stub.chooseMediaAnswer = null;
      stub.chooseMediaOptions = [];
      stub.modalAnswers = [];
      stub.modals = [];
      stub.clipboard = [];
      stub.relaunches = [];
      stub.navigateBacks = 0;
      stub.calls = [];
      stub.requests = [];
      stub.storage.clear();
      stub.toasts = [];
      stub.switchTabs = [];
      stub.tabBarBadges = [];
      stub.navigations = [];
      stub.stopPullDownRefreshCount = 0;
      stub.cloudInits = [];
      Object.assign(stub, DEVICE_DEFAULTS);
      stub.subscribeAnswers = {};
      stub.deviceCalls = [];
      stub.subscribePanels = [];
      stub.saveImageFailures = [];
      stub.savedImages = [];
      stub.exportedCanvases = [];
      stub.downloads = [];
      stub.openedDocuments = [];
      stub.scans = [];
      stub.audios = [];
    },
  };

  /** As wx.cloud.getTempFileURL answers: one entry per fileID, status 0 or a storage error. */
  const tempUrls = (via: TempUrlRecord['via'], fileList: string[]) => {
    stub.tempUrlCalls.push({ via, fileList });
    return fileList.map((fileID) => {
      const url = stub.tempUrlHandler(fileID);
      return url === null
        ? { fileID, tempFileURL: '', status: -503003, errMsg: 'storage file not exist' }
        : { fileID, tempFileURL: url, status: 0, errMsg: 'ok' };
    });
  };

  /** What wx.getSetting and wx.openSetting answer of the album scope. */
  const albumAuthSetting = (): Record<string, boolean> => {
    const permission = stub.albumPermission;
    return permission === undefined ? {} : { [ALBUM_SCOPE]: permission };
  };

  const answer = (call: BackendCall): BackendAnswer => {
    // Every upload first asks for the caller's own folder (miniprogram/services/uploads.ts); answered here so
    // each page's backend need not, and left out of `calls`.
    if (call.name === 'user' && call.event.action === 'uploadFolder') return ok({ folder: `uploads/${call.openid ?? STUB_CLOUD_OPENID}` });
    stub.calls.push(call);
    return stub.handler(call);
  };

  const wx = {
    cloud: {
      init(options: unknown) {
        stub.cloudInits.push(options);
      },
      callFunction(options: { name: string; data?: Record<string, unknown> } & Callbacks<unknown>) {
        settle(options, () => {
          const result = answer({ name: options.name, event: options.data ?? {}, openid: null, via: 'cloud' });
          if ('networkError' in result) return { err: { errMsg: `cloud.callFunction:fail ${result.networkError}` } };
          if ('errCode' in result) return { err: { errCode: result.errCode, errMsg: result.errMsg } };
          return { res: { result: result.result, requestID: result.requestID ?? '', errMsg: 'cloud.callFunction:ok' } };
        });
      },
      getTempFileURL(options: { fileList: string[] } & Callbacks<unknown>) {
        settle(options, () => ({ res: { fileList: tempUrls('cloud', options.fileList), errMsg: 'cloud.getTempFileURL:ok' } }));
      },
      uploadFile(options: { cloudPath: string; filePath: string } & Callbacks<unknown>) {
        settle(options, () => {
          const content = stub.files.get(options.filePath);
          if (content === undefined) return { err: { errMsg: `cloud.uploadFile:fail no such file ${options.filePath}` } };
          const upload: UploadRecord = { via: 'cloud', cloudPath: options.cloudPath, content, openid: null };
          stub.uploads.push(upload);
          const answer = stub.uploadHandler(upload);
          if ('errCode' in answer) return { err: answer };
          return { res: { fileID: answer.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' } };
        });
      },
    },
    request(options: WxRequestRecord & Callbacks<{ statusCode: number; data: unknown; header: Record<string, string> }>) {
      stub.requests.push({ url: options.url, method: options.method, header: options.header, data: options.data });
      settle(options, () => {
        const url = new URL(options.url);
        if (url.pathname === UPLOAD_PATH) {
          // As emulator/gateway: raw body, cloud path in the query, identity from the header.
          const upload: UploadRecord = {
            via: 'gateway',
            cloudPath: url.searchParams.get('cloudPath') ?? '',
            content: decodeBody(options.data),
            openid: options.header?.['x-weike-openid'] ?? null,
            contentType: options.header?.['content-type'],
          };
          stub.uploads.push(upload);
          const answer = stub.uploadHandler(upload);
          const status = 'errCode' in answer ? 400 : 200;
          return {
            res: { statusCode: status, data: 'errCode' in answer ? answer : { ...answer, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }, header: {} },
          };
        }
        if (url.pathname === TEMP_URL_PATH) {
          const fileList = (options.data as { fileList: string[] }).fileList;
          return { res: { statusCode: 200, data: { fileList: tempUrls('gateway', fileList), errMsg: 'cloud.getTempFileURL:ok' }, header: {} } };
        }
        if (url.pathname === PHONE_PATH) {
          const phone = stub.gatewayPhones[options.header?.['x-weike-openid'] ?? ''];
          if (!phone) return { res: { statusCode: 400, data: { errCode: -501007, errMsg: 'cloud.getPhoneNumber:fail no phone number' }, header: {} } };
          return { res: { statusCode: 200, data: { code: `phone-code:${phone}`, errMsg: 'getPhoneNumber:ok' }, header: {} } };
        }
        if (url.pathname !== GATEWAY_PATH) return { res: { statusCode: 404, data: 'not found', header: {} } };
        const body = options.data as { name: string; data?: Record<string, unknown> };
        const openid = options.header?.['x-weike-openid'] ?? null;
        const result = answer({ name: body.name, event: body.data ?? {}, openid, via: 'gateway' });
        if ('networkError' in result) return { err: { errMsg: `request:fail ${result.networkError}` } };
        // The gateway answers function failures with an error status and wx.cloud's error shape.
        if ('errCode' in result) return { res: { statusCode: 500, data: result, header: {} } };
        return { res: { statusCode: 200, data: { ...result, errMsg: 'cloud.callFunction:ok' }, header: {} } };
      });
    },
    getStorageSync(key: string) {
      return stub.storage.has(key) ? stub.storage.get(key) : '';
    },
    setStorageSync(key: string, value: unknown) {
      stub.storage.set(key, value);
    },
    removeStorageSync(key: string) {
      stub.storage.delete(key);
    },
    showToast(options: { title: string } & Callbacks<unknown>) {
      stub.toasts.push(options.title);
      settle(options, () => ({ res: { errMsg: 'showToast:ok' } }));
    },
    hideToast() {},
    showLoading() {},
    hideLoading() {},
    switchTab(options: { url: string } & Callbacks<unknown>) {
      stub.switchTabs.push(options.url);
      settle(options, () => ({ res: { errMsg: 'switchTab:ok' } }));
    },
    setTabBarBadge(options: { index: number; text: string } & Callbacks<unknown>) {
      stub.tabBarBadges.push(`${options.index}:${options.text}`);
      settle(options, () => ({ res: { errMsg: 'setTabBarBadge:ok' } }));
    },
    removeTabBarBadge(options: { index: number } & Callbacks<unknown>) {
      stub.tabBarBadges.push(`${options.index}:`);
      settle(options, () => ({ res: { errMsg: 'removeTabBarBadge:ok' } }));
    },
    navigateTo(options: { url: string } & Callbacks<unknown>) {
      stub.navigations.push(options.url);
      settle(options, () => ({ res: { errMsg: 'navigateTo:ok' } }));
    },
    redirectTo(options: { url: string } & Callbacks<unknown>) {
      stub.navigations.push(options.url);
      settle(options, () => ({ res: { errMsg: 'redirectTo:ok' } }));
    },
    reLaunch(options: { url: string } & Callbacks<unknown>) {
      stub.relaunches.push(options.url);
      settle(options, () => ({ res: { errMsg: 'reLaunch:ok' } }));
    },
    navigateBack(options: Callbacks<unknown> = {}) {
      stub.navigateBacks += 1;
      settle(options, () => ({ res: { errMsg: 'navigateBack:ok' } }));
    },
    stopPullDownRefresh() {
      stub.stopPullDownRefreshCount += 1;
    },
    showModal(options: ModalRecord) {
      throw new Error(`wx.showModal (${options.title ?? ''}): pages confirm with utils/ui.ts confirmModal (TDesign's dialog)`);
    },
    setClipboardData(options: { data: string } & Callbacks<unknown>) {
      stub.clipboard.push(options.data);
      settle(options, () => ({ res: { errMsg: 'setClipboardData:ok' } }));
    },
    chooseMessageFile(options: Record<string, unknown> & Callbacks<{ tempFiles: ChosenFile[] }>) {
      const { success, fail, complete, ...rest } = options;
      stub.chooseMessageFileOptions.push(rest);
      const answer = stub.chooseMessageFileAnswer;
      if (answer === null) throw new Error('unexpected wx.chooseMessageFile');
      settle({ success, fail, complete }, () => (answer === 'cancel' ? { err: { errMsg: 'chooseMessageFile:fail cancel' } } : { res: { tempFiles: answer } }));
    },
    chooseMedia(options: Record<string, unknown> & Callbacks<{ tempFiles: { tempFilePath: string; size: number; fileType: string }[] }>) {
      const { success, fail, complete, ...rest } = options;
      stub.chooseMediaOptions.push(rest);
      const answer = stub.chooseMediaAnswer;
      if (answer === null) throw new Error('unexpected wx.chooseMedia');
      settle({ success, fail, complete }, () =>
        answer === 'cancel'
          ? { err: { errMsg: 'chooseMedia:fail cancel' } }
          : {
              res: {
                tempFiles: answer.map((chosen) => {
                  const { tempFilePath, duration = 0 } = typeof chosen === 'string' ? { tempFilePath: chosen } : chosen;
                  return { tempFilePath, duration, size: stub.files.get(tempFilePath)?.length ?? 0, fileType: 'image' };
                }),
              },
            },
      );
    },
    // https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
    requestSubscribeMessage(options: { tmplIds: string[] } & Callbacks<Record<string, string>>) {
      stub.deviceCalls.push(`requestSubscribeMessage ${options.tmplIds.join(',')}`);
      stub.subscribePanels.push([...options.tmplIds]);
      const answers = Object.fromEntries(options.tmplIds.map((id) => [id, stub.subscribeAnswers[id] ?? 'accept']));
      settle(options, () => ({ res: { errMsg: 'requestSubscribeMessage:ok', ...answers } }));
    },
    // https://developers.weixin.qq.com/miniprogram/dev/api/open-api/setting/wx.getSetting.html
    getSetting(options: Callbacks<{ authSetting: Record<string, boolean> }>) {
      stub.deviceCalls.push('getSetting');
      const authSetting = albumAuthSetting();
      settle(options, () => ({ res: { authSetting } }));
    },
    openSetting(options: Callbacks<{ authSetting: Record<string, boolean> }>) {
      stub.deviceCalls.push('openSetting');
      if (stub.allowAlbumInSettings) stub.albumPermission = true;
      const authSetting = albumAuthSetting();
      settle(options, () => ({ res: { authSetting } }));
    },
    // https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.saveImageToPhotosAlbum.html
    saveImageToPhotosAlbum(options: { filePath: string } & Callbacks<{ errMsg: string }>) {
      stub.deviceCalls.push(`saveImageToPhotosAlbum ${options.filePath}`);
      const failed = stub.saveImageFailures.shift();
      if (failed === undefined) stub.savedImages.push(options.filePath);
      settle(options, () => (failed === undefined ? { res: { errMsg: 'saveImageToPhotosAlbum:ok' } } : { err: { errMsg: failed } }));
    },
    canvasToTempFilePath(options: { canvas?: unknown } & Callbacks<{ tempFilePath: string }>) {
      stub.deviceCalls.push('canvasToTempFilePath');
      stub.exportedCanvases.push(options.canvas);
      const tempFilePath = stub.canvasTempFilePath;
      settle(options, () => ({ res: { tempFilePath } }));
    },
    // https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html
    downloadFile(options: { url: string } & Callbacks<{ statusCode: number; tempFilePath: string }>) {
      stub.deviceCalls.push(`downloadFile ${options.url}`);
      stub.downloads.push(options.url);
      const answer = { statusCode: stub.downloadStatus, tempFilePath: stub.downloadTempFilePath };
      settle(options, () => ({ res: answer }));
    },
    openDocument(options: OpenedDocument & Callbacks<{ errMsg: string }>) {
      stub.deviceCalls.push(`openDocument ${options.filePath}`);
      stub.openedDocuments.push({ filePath: options.filePath, fileType: options.fileType, showMenu: options.showMenu });
      const error = stub.openDocumentError;
      settle(options, () => (error === null ? { res: { errMsg: 'openDocument:ok' } } : { err: { errMsg: error } }));
    },
    // https://developers.weixin.qq.com/miniprogram/dev/api/device/scan/wx.scanCode.html
    scanCode(options: Callbacks<{ path?: string; result: string; scanType: string }>) {
      stub.deviceCalls.push('scanCode');
      const scanned = stub.scans.shift();
      settle(options, () =>
        scanned === undefined
          ? { err: { errMsg: 'scanCode:fail cancel' } }
          : { res: { result: scanned.result ?? '', scanType: scanned.path ? 'WX_CODE' : 'QR_CODE', ...(scanned.path ? { path: scanned.path } : {}) } },
      );
    },
    createInnerAudioContext() {
      const audio = createFakeAudio();
      stub.audios.push(audio);
      return audio;
    },
    getFileSystemManager() {
      return {
        readFile(options: { filePath: string; encoding?: string } & Callbacks<{ data: ArrayBuffer | string }>) {
          settle(options, () => {
            const content = stub.files.get(options.filePath);
            if (content === undefined) return { err: { errMsg: `readFile:fail no such file or directory ${options.filePath}` } };
            return { res: { data: options.encoding ? content : toArrayBuffer(content) } };
          });
        },
      };
    },
  };
  return { stub, wx };
}
