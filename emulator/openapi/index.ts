/**
 * WeChat open APIs behind `cloud.openapi.*`: the `wx.openApi` protocol action (multipart in, protobuf
 * out), the subscribe-message outbox (persisted as JSON lines in `<dataDir>/openapi/outbox.jsonl`) and the
 * content-security block list (`<dataDir>/openapi/blocklist.json`), both also reachable over HTTP
 * (`GET /outbox`, `DELETE /outbox`, `GET /blocklist`, `PUT /blocklist`) and in process.
 */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApiAnswer, Args, BlockList, OutboxMessage, checkMediaCheckAsync, checkSubscribeMessage, imgSecCheck, msgSecCheck, wxacodeGetUnlimited } from './apis';
import { MediaCheckQueue } from './media-check';
import { MultipartPart, decodeCommApiData, encodeCommOpenApiResp } from './wire';

export type { BlockList, OutboxMessage } from './apis';
export { wxacodeText } from './apis';
export { MediaCheckQueue, readMessagePushes } from './media-check';
export type { MediaCheckEvent, MessagePushRoute } from './media-check';
export { parseMultipart } from './wire';

export interface OpenApiReply {
  status: number;
  contentType: string;
  body: Buffer;
}

/** wx-server-sdk maps a non-zero `errorCode` to its own table; -601004 reads "api permission denied". */
const API_PERMISSION_DENIED = -601004;
const MAX_BLOCKLIST_BYTES = 1024 * 1024;

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
  /** security.mediaCheckAsync results on their way to the function that receives them. */
  readonly mediaChecks = new MediaCheckQueue(() => this.blockList());

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'openapi');
    this.outboxFile = path.join(this.dir, 'outbox.jsonl');
    this.blockListFile = path.join(this.dir, 'blocklist.json');
    fs.mkdirSync(this.dir, { recursive: true });
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

  /** One `wx.openApi` request, already split into its form parts. */
  async handle(parts: MultipartPart[]): Promise<OpenApiReply> {
    const field = (name: string) => parts.find((p) => p.name === name)?.data;
    const apiName = field('apiName')?.toString('utf8') ?? '';
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
    const answer = await this.call(apiName, args, media);
    return answer ? protobufAnswer(answer) : protobufDenied();
  }

  private async call(apiName: string, args: Args, media: Buffer | undefined): Promise<ApiAnswer | undefined> {
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
}

function protobufAnswer(answer: ApiAnswer): OpenApiReply {
  const resp =
    'json' in answer
      ? { respData: Buffer.from(JSON.stringify(answer.json)), contentType: 'application/json' }
      : { respData: answer.binary, contentType: answer.contentType };
  return { status: 200, contentType: 'application/octet-stream', body: encodeCommOpenApiResp(resp) };
}

function protobufDenied(): OpenApiReply {
  return { status: 200, contentType: 'application/octet-stream', body: encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode: API_PERMISSION_DENIED }) };
}

/** A CloudBase error; the SDK only JSON-parses it when the content type is exactly this one. */
function jsonError(code: string, message: string): OpenApiReply {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ code, message, requestId: randomUUID() })) };
}
