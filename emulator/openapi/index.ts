/**
 * WeChat open APIs behind `cloud.openapi.*`: the `wx.openApi` protocol action (multipart in, protobuf
 * out), the subscribe-message outbox (persisted as JSON lines in `<dataDir>/openapi/outbox.jsonl`) and the
 * content-security block list (`<dataDir>/openapi/blocklist.json`), both also reachable over HTTP
 * (`GET /outbox`, `DELETE /outbox`, `GET /blocklist`, `PUT /blocklist`) and in process, and the WeChat
 * users' phone numbers behind phonenumber.getPhoneNumber (phone-numbers.ts: `GET/PUT /phonenumber/users`,
 * `POST /phonenumber/code`).
 *
 * Permissions: as on CloudBase, a function may call only the open APIs its config.json declares in
 * `permissions.openapi`; any other call fails with -604101, which wx-server-sdk reports as
 * `errCode: -604101, errMsg: "... system error: error code: -604101"`
 * (https://developers.weixin.qq.com/doc/oplatform/developers/dev/cloudCall.html,
 * https://docs.cloudbase.net/en/faq/knowledge/cloud-call-604101-permission-error). The function is known by
 * the invocation's API token the SDK sends with every call (`wxCloudApiToken`). A call without a token
 * comes from a script or test outside any function and is served (locally only: nothing deployed runs so).
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  type ApiAnswer,
  type Args,
  type BlockList,
  type OutboxMessage,
  checkMediaCheckAsync,
  checkSubscribeMessage,
  imgSecCheck,
  msgSecCheck,
  wxacodeGetUnlimited,
} from './apis';
import { MediaCheckQueue } from './media-check';
import { type MultipartPart, decodeCommApiData, encodeCommOpenApiResp } from './wire';
import { PhoneNumbers } from './phone-numbers';

export type { BlockList, OutboxMessage } from './apis';
export { wxacodePngRenderer, wxacodeText } from './apis';
export { MediaCheckQueue, readMessagePushes } from './media-check';
export type { MediaCheckEvent, MessagePushRoute } from './media-check';
export { parseMultipart } from './wire';
export { PhoneNumbers, PHONE_CODE_TTL_MS } from './phone-numbers';

export interface OpenApiReply {
  status: number;
  contentType: string;
  body: Buffer;
}

/** wx-server-sdk maps a non-zero `errorCode` to its own table; -601004 reads "api permission denied". */
const API_PERMISSION_DENIED = -601004;
/** "function has no permission to call this API" in wx-server-sdk's table: the API is not in config.json. */
export const FUNCTION_OPENAPI_NO_PERMISSION = -604101;

/** The function calling an open API and what its config.json declares in `permissions.openapi`. */
export interface OpenApiCaller {
  functionName: string;
  openapi: readonly string[];
}
const MAX_BLOCKLIST_BYTES = 1024 * 1024;
const MAX_PHONE_BODY_BYTES = 64 * 1024;

function parseBlockList(raw: unknown): BlockList {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('block list must be an object');
  const record = raw as Record<string, unknown>;
  const strings = (value: unknown, field: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`${field} must be an array of strings`);
    return value as string[];
  };
  return { text: strings(record.text, 'text'), imageSha256: strings(record.imageSha256, 'imageSha256') };
}

export class OpenApiService {
  private readonly dir: string;
  private readonly outboxFile: string;
  private readonly blockListFile: string;
  private readonly messages: OutboxMessage[] = [];
  /** WeChat users' phone numbers and the tokens of the phone-number button (phonenumber.getPhoneNumber). */
  readonly phoneNumbers: PhoneNumbers;
  /** security.mediaCheckAsync results on their way to the function that receives them. */
  readonly mediaChecks = new MediaCheckQueue(() => this.blockList());

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'openapi');
    this.outboxFile = path.join(this.dir, 'outbox.jsonl');
    this.blockListFile = path.join(this.dir, 'blocklist.json');
    fs.mkdirSync(this.dir, { recursive: true });
    this.phoneNumbers = new PhoneNumbers(this.dir);
    if (fs.existsSync(this.outboxFile)) {
      for (const line of fs.readFileSync(this.outboxFile, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.messages.push(JSON.parse(line) as OutboxMessage);
        } catch {
          // A line torn by a crash mid-append is skipped; every complete line is kept.
        }
      }
    }
  }

  outbox(filter: { touser?: string } = {}): OutboxMessage[] {
    return this.messages.filter((m) => !filter.touser || m.touser === filter.touser);
  }

  clearOutbox(): void {
    this.messages.length = 0;
    fs.writeFileSync(this.outboxFile, '');
  }

  blockList(): BlockList {
    if (!fs.existsSync(this.blockListFile)) return { text: [], imageSha256: [] };
    try {
      return parseBlockList(JSON.parse(fs.readFileSync(this.blockListFile, 'utf8')));
    } catch (err) {
      console.warn(`[local-cloud] ignoring unreadable block list: ${(err as Error).message}`);
      return { text: [], imageSha256: [] };
    }
  }

  /** Replaces the block list; throws on a malformed one. Read on every check, so edits apply at once. */
  setBlockList(raw: unknown): BlockList {
    const list = parseBlockList(raw);
    const temp = `${this.blockListFile}.${randomUUID()}`;
    fs.writeFileSync(temp, JSON.stringify(list, null, 2));
    fs.renameSync(temp, this.blockListFile);
    return list;
  }

  /**
   * One `wx.openApi` request, already split into its form parts. `caller` is the calling function (null:
   * a token no running invocation holds; undefined: no token, a call from outside any function).
   */
  async handle(parts: MultipartPart[], caller?: OpenApiCaller | null): Promise<OpenApiReply> {
    const field = (name: string) => parts.find((p) => p.name === name)?.data;
    const apiName = field('apiName')?.toString('utf8') ?? '';
    if (caller !== undefined && !caller?.openapi.includes(apiName)) {
      const who = caller ? `function ${caller.functionName}` : 'a call with an unknown API token';
      console.warn(`[local-cloud] ${who} may not call ${apiName}: declare it in config.json permissions.openapi`);
      return protobufDenied(FUNCTION_OPENAPI_NO_PERMISSION);
    }
    const requestData = field('requestData');
    if (!requestData) return jsonError('INVALID_PARAM', 'requestData missing');
    let decoded: ReturnType<typeof decodeCommApiData>;
    try {
      decoded = decodeCommApiData(requestData);
    } catch (err) {
      return jsonError('INVALID_PARAM', `requestData is not a valid CommApiData: ${(err as Error).message}`);
    }
    const args: Args = {};
    let media: Buffer | undefined;
    for (const pair of decoded.pairs) {
      // wx-server-sdk sends a media part with a filename (its content type field never reaches the wire).
      if (pair.contentType || pair.filename) {
        if (pair.key === 'media') media = pair.value;
        continue;
      }
      try {
        args[pair.key] = JSON.parse(pair.value.toString('utf8'));
      } catch {
        return protobufAnswer({ json: { errcode: 47001, errmsg: `data format error: ${pair.key}` } });
      }
    }
    const answer = await this.call(apiName, args, media, decoded.appid);
    return answer ? protobufAnswer(answer) : protobufDenied();
  }

  private async call(apiName: string, args: Args, media: Buffer | undefined, appid?: string): Promise<ApiAnswer | undefined> {
    switch (apiName) {
      case 'subscribeMessage.send': {
        const checked = checkSubscribeMessage(args);
        if ('error' in checked) return checked.error;
        const message: OutboxMessage = { id: randomUUID(), sentAt: new Date().toISOString(), ...checked.message };
        fs.appendFileSync(this.outboxFile, `${JSON.stringify(message)}\n`);
        this.messages.push(message);
        return { json: { errcode: 0, errmsg: 'ok', msgid: message.id } };
      }
      case 'wxacode.getUnlimited':
        return wxacodeGetUnlimited(args);
      case 'security.msgSecCheck':
        return msgSecCheck(args, this.blockList(), randomUUID());
      case 'security.imgSecCheck':
        return imgSecCheck(media, this.blockList());
      case 'phonenumber.getPhoneNumber':
        return this.phoneNumbers.getPhoneNumber(args, appid);
      case 'security.mediaCheckAsync': {
        const checked = checkMediaCheckAsync(args);
        if ('error' in checked) return checked.error;
        const traceId = randomUUID();
        this.mediaChecks.enqueue(traceId, checked.request);
        return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
      }
      default:
        return undefined;
    }
  }

  /** GET/DELETE /outbox and GET/PUT /blocklist; returns false when the path is not ours. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL, readBody: (limit: number) => Promise<Buffer>): boolean {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (url.pathname === '/outbox') {
      if (req.method === 'GET') send(200, { messages: this.outbox({ touser: url.searchParams.get('touser') ?? undefined }) });
      else if (req.method === 'DELETE') {
        this.clearOutbox();
        send(200, { messages: [] });
      } else send(405, { code: 'METHOD_NOT_ALLOWED', message: 'use GET or DELETE' });
      return true;
    }
    if (url.pathname === '/phonenumber/code' || url.pathname === '/phonenumber/users') {
      this.handlePhoneHttp(req, url.pathname, send, readBody);
      return true;
    }
    if (url.pathname === '/blocklist') {
      if (req.method === 'GET') send(200, this.blockList());
      else if (req.method === 'PUT' || req.method === 'POST') {
        readBody(MAX_BLOCKLIST_BYTES).then(
          (raw) => {
            try {
              send(200, this.setBlockList(JSON.parse(raw.toString('utf8'))));
            } catch (err) {
              send(400, { code: 'INVALID_PARAM', message: (err as Error).message });
            }
          },
          () => send(413, { code: 'INVALID_PARAM', message: 'block list too large' }),
        );
      } else send(405, { code: 'METHOD_NOT_ALLOWED', message: 'use GET or PUT' });
      return true;
    }
    return false;
  }

  /** POST /phonenumber/code { phoneNumber } mints a token; GET/PUT /phonenumber/users reads or edits the table. */
  private handlePhoneHttp(
    req: http.IncomingMessage,
    pathname: string,
    send: (status: number, body: unknown) => void,
    readBody: (limit: number) => Promise<Buffer>,
  ): void {
    const withJson = (use: (body: unknown) => unknown) =>
      readBody(MAX_PHONE_BODY_BYTES).then(
        (raw) => {
          try {
            send(200, use(JSON.parse(raw.toString('utf8') || '{}')));
          } catch (err) {
            send(400, { code: 'INVALID_PARAM', message: (err as Error).message });
          }
        },
        () => send(413, { code: 'INVALID_PARAM', message: 'body too large' }),
      );
    if (pathname === '/phonenumber/code') {
      if (req.method === 'POST')
        void withJson((body) => ({ code: this.phoneNumbers.mint(String((body as { phoneNumber?: unknown } | null)?.phoneNumber ?? '')) }));
      else send(405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
    } else if (req.method === 'GET') send(200, this.phoneNumbers.table());
    else if (req.method === 'PUT' || req.method === 'POST') void withJson((body) => this.phoneNumbers.update(body));
    else send(405, { code: 'METHOD_NOT_ALLOWED', message: 'use GET or PUT' });
  }
}

function protobufAnswer(answer: ApiAnswer): OpenApiReply {
  const resp =
    'json' in answer
      ? { respData: Buffer.from(JSON.stringify(answer.json)), contentType: 'application/json' }
      : { respData: answer.binary, contentType: answer.contentType };
  return { status: 200, contentType: 'application/octet-stream', body: encodeCommOpenApiResp(resp) };
}

function protobufDenied(errorCode = API_PERMISSION_DENIED): OpenApiReply {
  return { status: 200, contentType: 'application/octet-stream', body: encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode }) };
}

/** A CloudBase error; the SDK only JSON-parses it when the content type is exactly this one. */
function jsonError(code: string, message: string): OpenApiReply {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ code, message, requestId: randomUUID() })) };
}
