/**
 * The `wx` of the gallery's render run: the test stub (test/miniprogram/wx-stub.ts) for everything a page
 * asks of the phone, but its requests really reach the local cloud with the demo company (the app in local
 * mode, as `npm start` runs it), as the identity the gallery renders the page for.
 */
import http from 'node:http';
import { createWxStub } from '../../test/miniprogram/wx-stub';

interface RequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  success?: (res: { data: unknown; statusCode: number; header: Record<string, string> }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: () => void;
}

export interface GalleryGlobals {
  /** The openid the next requests go out as. */
  __galleryOpenid: string;
  /** Requests on their way (the render waits until none are). */
  __galleryInFlight: number;
}

const { stub, wx } = createWxStub();
const globals = globalThis as unknown as Record<string, unknown> & GalleryGlobals;
globals.wx = wx;
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [];
globals.__weikeWxStub = stub;
globals.__galleryOpenid = 'demo-learner';
globals.__galleryInFlight = 0;

wx.request = (options: RequestOptions) => {
  globals.__galleryInFlight += 1;
  const body = options.data === undefined ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
  const done = () => {
    globals.__galleryInFlight -= 1;
    options.complete?.();
  };
  const req = http.request(
    options.url,
    { method: options.method ?? 'GET', headers: { ...options.header, 'x-weike-openid': globals.__galleryOpenid } },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // Not JSON: the page gets the text, as wx.request gives it.
        }
        options.success?.({ data, statusCode: res.statusCode ?? 0, header: res.headers as Record<string, string> });
        done();
      });
    },
  );
  req.on('error', (err) => {
    options.fail?.({ errMsg: `request:fail ${err.message}` });
    done();
  });
  if (body !== undefined) req.write(body);
  req.end();
};

jest.setTimeout(600_000);
