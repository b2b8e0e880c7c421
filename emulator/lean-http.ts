/**
 * The local cloud's port. Every database operation is one small HTTP/1.1 request of the SDKs to the door
 * (emulator/door.ts), and Node's HTTP server (its parser, IncomingMessage and ServerResponse objects, header
 * handling) cost more CPU per request than the database does. So a `net.Server` owns the port and reads each
 * connection itself while its requests have the plain shape wx-server-sdk and @cloudbase/node-sdk send:
 *
 *   POST /admin?env=…&seqId=… HTTP/1.1
 *   content-type: application/json
 *   Host: 127.0.0.1:8787
 *   …
 *   content-length: 236
 *   Connection: keep-alive
 *
 * (a request line, header lines ending in CRLF, a `Content-Length` body, kept alive). Those it answers itself
 * through the door. At the first request of any other shape (another path or method, a chunked body,
 * `Expect`, `Upgrade`, a body over the limit, anything malformed or unfamiliar) it gives the connection,
 * with every byte of that request and after it, to Node's HTTP server for the rest of its life:
 * `socket.unshift()` puts the bytes back (https://nodejs.org/docs/latest-v20.x/api/stream.html#readableunshiftchunk-encoding)
 * and emitting the HTTP server's `'connection'` event injects the socket, which "can also be explicitly
 * emitted by users to inject connections into the HTTP server"
 * (https://nodejs.org/docs/latest-v20.x/api/http.html#event-connection). The HTTP server then answers the
 * door's requests through the same door function, so nothing about a request's meaning depends on which
 * transport read it.
 *
 * Framing follows RFC 9112 (https://www.rfc-editor.org/rfc/rfc9112): a request with a Content-Length and no
 * Transfer-Encoding has exactly that many body bytes (section 6.3); HTTP/1.1 connections persist unless
 * either side sends `Connection: close` (section 9.3). Answers carry a Date (RFC 9110 section 6.6.1,
 * https://www.rfc-editor.org/rfc/rfc9110#section-6.6.1) and the keep-alive hint Node's server sends.
 * Requests on one connection are answered one at a time, in order (pipelined ones wait their turn).
 */
import http from 'node:http';
import net from 'node:net';
import type { Door, DoorReply, DoorRequest } from './door';

export interface LeanFrontOptions {
  door: Door;
  /** Node's HTTP server: gets every connection the lean path does not serve to its end. */
  fallback: http.Server;
  /** A larger body goes to the fallback, whose door call then answers the size limit. */
  maxBodyBytes: number;
  /** A connection idle this long between requests is closed (the fallback's keepAliveTimeout). */
  keepAliveTimeoutMs: number;
}

/** Node's own default for a request head (`--max-http-header-size`); a longer head goes to the fallback. */
const MAX_HEAD_BYTES = 16 * 1024;
const MAX_HEADERS = 64;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
/** The request line the SDKs send, `POST /admin(?<query>) HTTP/1.1`: the door's origin-form target, printable ASCII only. */
const DOOR_LINE_START = 'POST /admin';
/** Where the target starts on the request line. */
const TARGET_START = 'POST '.length;
const DOOR_LINE_END = ' HTTP/1.1';
/**
 * Names the lean path hands over: headers it does not frame or answer itself (transfer-encoding, expect, upgrade,
 * te, trailer, http2-settings), and the properties every object inherits (`constructor`, `__proto__`, ...), which
 * cannot be a key of the headers object.
 */
const HANDED_OVER_NAMES = new Set([
  'transfer-encoding',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'http2-settings',
  ...Object.getOwnPropertyNames(Object.prototype),
]);
const BARE_LF = /(^|[^\r])\n/;
/**
 * The field lines of a head the lean path reads, from after the request line's CRLF to the head's end, in one
 * match: each line a field name (a token, RFC 9110 section 5.1), a colon, and a value of HTAB and printable ASCII,
 * lines separated by CRLF, none empty. So the head holds no control character other than HTAB (RFC 9110 section
 * 5.5), no CR or LF outside a CRLF line end, no byte above ASCII (obs-text, which the SDKs never send), and no
 * line without a colon or with a name that is not a token. Sticky: matched from `lastIndex`.
 */
const FIELD_LINES = /(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e]*(?:\r\n(?!$)|$))*$/y;
const DIGITS = /^[0-9]{1,10}$/;

/** The head of one request the door will serve; its body follows. */
interface DoorHead {
  target: string;
  headers: http.IncomingHttpHeaders;
  contentLength: number;
  close: boolean;
}

/**
 * Whether `text` up to `end` is the door's request line: `POST /admin HTTP/1.1`, or with a query of printable
 * ASCII (`\x21`-`\x7e`) after `/admin?`. Compared by position and character code (no pattern per request).
 */
function isDoorLine(text: string, end: number): boolean {
  const targetEnd = end - DOOR_LINE_END.length;
  if (targetEnd < DOOR_LINE_START.length || !text.startsWith(DOOR_LINE_START) || !text.startsWith(DOOR_LINE_END, targetEnd)) return false;
  if (targetEnd === DOOR_LINE_START.length) return true;
  if (text.charCodeAt(DOOR_LINE_START.length) !== 0x3f) return false;
  for (let i = DOOR_LINE_START.length + 1; i < targetEnd; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/** Lower-case field names by their spelling on the wire, null for those handed over (the SDKs send the same dozen). */
const fieldNames = new Map<string, string | null>();
/** Bounds `fieldNames` (a spelling can hold on to the head it was cut from). */
const MAX_FIELD_NAMES = 128;

/** The lower-case name of a field as spelled on the wire, or null when the field hands the connection over. */
function fieldName(spelled: string): string | null {
  let name = fieldNames.get(spelled);
  if (name === undefined) {
    const lower = spelled.toLowerCase();
    name = HANDED_OVER_NAMES.has(lower) ? null : lower;
    if (fieldNames.size >= MAX_FIELD_NAMES) fieldNames.clear();
    fieldNames.set(spelled, name);
  }
  return name;
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * Parses a request head (the bytes before the blank line, latin1 as Node decodes headers). Null: not a door
 * request in the plain shape, for the fallback.
 */
export function parseDoorHead(head: string, maxBodyBytes: number): DoorHead | null {
  let requestLineEnd = head.indexOf('\r\n');
  if (requestLineEnd < 0) requestLineEnd = head.length;
  if (!isDoorLine(head, requestLineEnd)) return null;
  FIELD_LINES.lastIndex = requestLineEnd + 2;
  if (!FIELD_LINES.test(head)) return null;
  // Every line is `name:value` now (FIELD_LINES), so the loop only cuts them.
  const headers: http.IncomingHttpHeaders = {};
  let lines = 0;
  let lineEnd = requestLineEnd;
  for (let start = lineEnd + 2; start < head.length; start = lineEnd + 2) {
    lines += 1;
    if (lines > MAX_HEADERS) return null;
    const colon = head.indexOf(':', start);
    lineEnd = head.indexOf('\r\n', colon);
    if (lineEnd < 0) lineEnd = head.length;
    const name = fieldName(head.slice(start, colon));
    if (name === null) return null;
    // Only SP and HTAB can surround a value here (FIELD_LINES): the optional whitespace is left out.
    let from = colon + 1;
    let to = lineEnd;
    while (from < to && isSpace(head.charCodeAt(from))) from += 1;
    while (to > from && isSpace(head.charCodeAt(to - 1))) to -= 1;
    headers[name] = head.slice(from, to);
  }
  // A repeated field (fewer names than lines) is merged by rules of its own in Node; the fallback applies them.
  if (Object.keys(headers).length !== lines) return null;
  const length = headers['content-length'];
  if (length === undefined || !DIGITS.test(length)) return null;
  const contentLength = Number(length);
  if (contentLength > maxBodyBytes) return null;
  const connection = headers.connection?.toLowerCase();
  if (connection !== undefined && connection !== 'keep-alive' && connection !== 'close') return null;
  return { target: head.slice(TARGET_START, requestLineEnd - DOOR_LINE_END.length), headers, contentLength, close: connection === 'close' };
}

let dateSecond = -1;
let dateText = '';
/** The Date field's value, made once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

/** One connection while the lean path reads it. */
class LeanConnection {
  /** Bytes received and not yet used, from the start of the request being read. */
  private pending: Buffer | null = null;
  /** A door request whose body is still arriving. */
  private head: DoorHead | null = null;
  /** Its body's parts so far (kept as they arrive: a declared length reserves no memory). */
  private bodyParts: Buffer[] = [];
  private bodyFilled = 0;
  /** A request is with the door; later bytes wait in `pending`. */
  private busy = false;
  /** The client ended its side, or asked to close: end ours after the answer in hand. */
  private ending = false;
  /**
   * When bytes last came in or went out. The idle timeout is a timer armed once per keep-alive period that
   * looks at this, instead of the socket's own timeout, which Node re-arms on every read and write (a timer
   * list insertion and a clock read each, twice per request).
   */
  private lastActive = Date.now();
  private idleTimer: NodeJS.Timeout;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onEnd = () => this.clientEnded();
  private readonly onIdleCheck = () => this.idleCheck();
  private readonly onClose = () => clearTimeout(this.idleTimer);
  private readonly onError = () => this.socket.destroy();

  constructor(
    private readonly socket: net.Socket,
    private readonly options: LeanFrontOptions,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    this.idleTimer = setTimeout(this.onIdleCheck, options.keepAliveTimeoutMs).unref();
  }

  /** Closes a connection idle for the keep-alive timeout between requests; otherwise looks again when it would be. */
  private idleCheck(): void {
    const idle = Date.now() - this.lastActive;
    const timeout = this.options.keepAliveTimeoutMs;
    if (idle >= timeout && !this.busy) {
      this.socket.destroy();
      return;
    }
    this.idleTimer = setTimeout(this.onIdleCheck, this.busy ? timeout : timeout - idle).unref();
  }

  private receive(chunk: Buffer): void {
    this.lastActive = Date.now();
    this.pending = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    // Past a request's worth of pipelined bytes, stop reading until the door has answered.
    if (this.busy) {
      if (this.pending.length > this.options.maxBodyBytes + MAX_HEAD_BYTES) this.socket.pause();
      return;
    }
    this.advance();
  }

  /** Reads as far as the bytes received allow: a body, the next head, a hand-over. */
  private advance(): void {
    while (!this.busy && this.pending) {
      if (this.head) {
        if (!this.fillBody()) return;
        continue;
      }
      const pending = this.pending;
      const end = pending.indexOf(HEAD_END);
      if (end < 0) {
        // Not a door request from its first line on, a line not ended by CRLF, or a head longer than Node
        // itself takes: the fallback decides. Otherwise the head is still arriving.
        const received = pending.toString('latin1', 0, MAX_HEAD_BYTES + 1);
        const lineEnd = received.indexOf('\r\n');
        if ((lineEnd >= 0 && !isDoorLine(received, lineEnd)) || BARE_LF.test(received) || pending.length > MAX_HEAD_BYTES) this.handOver();
        return;
      }
      const head = end <= MAX_HEAD_BYTES ? parseDoorHead(pending.toString('latin1', 0, end), this.options.maxBodyBytes) : null;
      if (!head) {
        this.handOver();
        return;
      }
      const start = end + HEAD_END.length;
      if (pending.length - start >= head.contentLength) {
        // The whole request arrived (the usual case): its body is a view of the bytes received.
        const stop = start + head.contentLength;
        this.pending = stop < pending.length ? pending.subarray(stop) : null;
        this.serve(head, pending.subarray(start, stop));
        return;
      }
      this.head = head;
      this.bodyParts = [];
      this.bodyFilled = 0;
      this.pending = start < pending.length ? pending.subarray(start) : null;
    }
  }

  /** Takes received bytes into the body; true once it is complete and served. */
  private fillBody(): boolean {
    const pending = this.pending as Buffer;
    const head = this.head as DoorHead;
    const take = Math.min(head.contentLength - this.bodyFilled, pending.length);
    this.bodyParts.push(take < pending.length ? pending.subarray(0, take) : pending);
    this.bodyFilled += take;
    this.pending = take < pending.length ? pending.subarray(take) : null;
    if (this.bodyFilled < head.contentLength) return false;
    const body = Buffer.concat(this.bodyParts, head.contentLength);
    this.head = null;
    this.bodyParts = [];
    this.serve(head, body);
    return true;
  }

  private serve(head: DoorHead, body: Buffer): void {
    this.busy = true;
    if (head.close) this.ending = true;
    const request: DoorRequest = { method: 'POST', target: head.target, headers: head.headers, body };
    this.options.door(request).then(
      (reply) => this.answer(reply),
      // The door answers every failure itself; a rejection is a bug, answered as Node's path would.
      (err: unknown) => {
        console.error('[local-cloud] request failed', err);
        this.answer({ status: 500, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ code: 'SYS_ERR', message: 'internal error' }) });
      },
    );
  }

  private answer(reply: DoorReply): void {
    const socket = this.socket;
    if (socket.destroyed) return;
    this.lastActive = Date.now();
    const length = typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.length;
    const connection = this.ending
      ? 'connection: close'
      : `connection: keep-alive\r\nkeep-alive: timeout=${Math.floor(this.options.keepAliveTimeoutMs / 1000)}`;
    const head = `HTTP/1.1 ${reply.status} ${http.STATUS_CODES[reply.status] ?? ''}\r\ncontent-type: ${reply.contentType}\r\ncontent-length: ${length}\r\ndate: ${httpDate()}\r\n${connection}\r\n\r\n`;
    if (typeof reply.body === 'string') socket.write(head + reply.body);
    else {
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(reply.body);
      socket.uncork();
    }
    this.busy = false;
    if (this.ending) {
      this.socket.end();
      return;
    }
    if (socket.isPaused()) socket.resume();
    this.advance();
  }

  private clientEnded(): void {
    // A request cut short (a client closing mid-body) is dropped; one with the door is still answered.
    this.ending = true;
    if (!this.busy) this.socket.end();
  }

  /**
   * Gives the connection to Node's HTTP server, starting with the request being read. Paused first, so the
   * bytes put back are read before any that arrive later, then resumed once the server is listening.
   */
  private handOver(): void {
    const socket = this.socket;
    socket.pause();
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
    clearTimeout(this.idleTimer);
    if (this.pending) socket.unshift(this.pending);
    this.pending = null;
    this.options.fallback.emit('connection', socket);
    socket.resume();
  }
}

/** Reads one accepted connection on the lean path (until it is handed over). */
export function serveLeanConnection(socket: net.Socket, options: LeanFrontOptions): void {
  new LeanConnection(socket, options);
}

/**
 * The port's server. `close()` stops listening; `destroyAll()` ends every connection it accepted (those
 * handed to the fallback too).
 */
export function leanFront(options: LeanFrontOptions): { server: net.Server; destroyAll(): void } {
  const sockets = new Set<net.Socket>();
  // As Node's HTTP server accepts sockets: half-open allowed (an answer in hand still goes out after the
  // client's FIN) and Nagle off, so a handed-over connection behaves as if that server had accepted it.
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveLeanConnection(socket, options);
  });
  return {
    server,
    destroyAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
