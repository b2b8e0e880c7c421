/**
 * The asynchronous half of `security.mediaCheckAsync`: WeChat fetches the media, decides, and pushes the
 * verdict as the `wxa_media_check` message event (消息推送) within 30 minutes
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html).
 *
 * With CloudBase the push goes to the one cloud function configured for the <MsgType, Event> pair
 * (云开发控制台 - 设置 - 消息推送; https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/openapi.html,
 * whose list of events includes wxa_media_check), and that function's `event` is the JSON message itself.
 * The repository declares the pair in the receiving function's config.json as
 * `"messagePush": [{ "msgType": "event", "event": "wxa_media_check" }]`, which the deploy applies and the
 * local cloud reads. The push names the checked user in `FromUserName`, which the function sees as its OPENID
 * (as with the customer-service messages on the same page); it is not a mini-program call (no `wx_client`).
 *
 * Locally the verdict is delivered `delayMs` after the request (default 200 ms), or held until `release()`
 * (`delayMs = null`), or dropped (`drop()`), so tests decide exactly when, and whether, a result arrives.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BlockList, MediaCheckRequest } from './apis';
import { mediaVerdict } from './apis';

export interface MessagePushRoute {
  msgType: string;
  event: string;
  functionName: string;
}

/** The message pushes declared in `<functionsDir>/<name>/config.json`; a pair claimed twice is refused. */
export function readMessagePushes(functionsDir: string, warn: (message: string) => void = console.warn): MessagePushRoute[] {
  if (!fs.existsSync(functionsDir)) return [];
  const routes: MessagePushRoute[] = [];
  for (const name of fs.readdirSync(functionsDir).sort()) {
    const file = path.join(functionsDir, name, 'config.json');
    if (!fs.existsSync(file)) continue;
    try {
      const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { messagePush?: { msgType?: unknown; event?: unknown }[] };
      for (const push of config.messagePush ?? []) {
        if (typeof push.msgType !== 'string' || typeof push.event !== 'string') continue;
        // CloudBase: one <MsgType, Event> pair goes to one function of one environment.
        const taken = routes.find((r) => r.msgType === push.msgType && r.event === push.event);
        if (taken) {
          warn(`[local-cloud] ${name}: message push ${push.msgType}/${push.event} already goes to ${taken.functionName}`);
          continue;
        }
        routes.push({ msgType: push.msgType, event: push.event, functionName: name });
      }
    } catch (err) {
      warn(`[local-cloud] ignoring the message pushes of ${file}: ${(err as Error).message}`);
    }
  }
  return routes;
}

/** The pushed message, as the receiving function gets it. */
export interface MediaCheckEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: 2;
  result: { suggest: 'pass' | 'risky'; label: number };
  detail: { strategy: string; errcode: number; suggest: 'pass' | 'risky'; label: number; prob: number }[];
}

export type PushDelivery = (functionName: string, event: MediaCheckEvent, openid: string) => Promise<unknown>;

interface PendingCheck {
  traceId: string;
  request: MediaCheckRequest;
}

const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
export const LOCAL_APPID = 'wx-local-app';

export class MediaCheckQueue {
  /** Milliseconds from request to push; null holds every result until `release()`. */
  delayMs: number | null = 200;
  private routes: MessagePushRoute[] = [];
  private deliver?: PushDelivery;
  private readonly held: PendingCheck[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  /** Every event pushed, oldest first (for tests and the curious). */
  readonly pushed: MediaCheckEvent[] = [];

  constructor(private readonly blockList: () => BlockList) {}

  /** Where pushes go: the declared routes, and how to invoke a function. */
  connect(routes: MessagePushRoute[], deliver: PushDelivery): void {
    this.routes = routes;
    this.deliver = deliver;
  }

  enqueue(traceId: string, request: MediaCheckRequest): void {
    const check = { traceId, request };
    if (this.delayMs === null) this.held.push(check);
    else this.schedule(check, this.delayMs);
  }

  /** Delivers every held result now. */
  release(): void {
    for (const check of this.held.splice(0)) this.schedule(check, 0);
  }

  /** Forgets every held result, as when WeChat never pushes one; answers how many. */
  drop(): number {
    return this.held.splice(0).length;
  }

  /** Forgets held results and skips scheduled ones (the local cloud is closing). */
  stop(): void {
    this.stopped = true;
    this.drop();
  }

  /** Resolves when every scheduled push has been delivered (held ones excepted). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private schedule(check: PendingCheck, delayMs: number): void {
    const run = new Promise<void>((resolve) => setTimeout(resolve, delayMs))
      .then(() => (this.stopped ? undefined : this.push(check)))
      .catch((err: unknown) => console.warn(`[local-cloud] media check ${check.traceId} not pushed: ${(err as Error).message}`))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async push({ traceId, request }: PendingCheck): Promise<void> {
    // WeChat downloads the media itself; a URL it cannot read yields no verdict (the caller retries).
    const response = await fetch(request.mediaUrl);
    if (!response.ok) throw new Error(`media_url answered ${response.status}`);
    const media = Buffer.from(await response.arrayBuffer());
    if (media.length > MAX_MEDIA_BYTES) throw new Error('media larger than 10 MB');
    const { suggest, label } = mediaVerdict(media, this.blockList());
    const event: MediaCheckEvent = {
      ToUserName: 'gh_localcloud',
      FromUserName: request.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: LOCAL_APPID,
      trace_id: traceId,
      version: 2,
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
    };
    this.pushed.push(event);
    const route = this.routes.find((r) => r.msgType === 'event' && r.event === 'wxa_media_check');
    if (!route || !this.deliver) throw new Error('no function receives wxa_media_check (config.json messagePush)');
    await this.deliver(route.functionName, event, request.openid);
  }
}
