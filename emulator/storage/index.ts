/**
 * Cloud storage: the `storage.*` protocol actions the SDK's uploadFile / getTempFileURL / downloadFile /
 * deleteFile use, plus the HTTP side they talk to (the upload URL the SDK PUTs the file to, standing in
 * for COS, and the expiring temporary URLs). Files live under `<dataDir>/storage/<cloudPath>`; file ids
 * have CloudBase's `cloud://<env>.<bucket>/<cloudPath>` form.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type ActionTable, CloudError, ErrorCode } from '../protocol';
import { allows, checkStorageRules, loadStorageRules, type RuleContext, type StorageRules } from './rules';

export interface StorageOptions {
  dataDir: string;
  envId: string;
  baseUrl: () => string;
  /** The security rules client calls are checked against; default database/storage-rules.json. */
  rules?: StorageRules;
}

/**
 * A client request's identity: a mini-program's openid, or a browser's CloudBase uid and login type (the web
 * console signs in with custom login); server calls carry none and are never checked.
 */
export interface StorageClient {
  openid?: string;
  uid?: string;
  loginType?: 'CUSTOM' | 'ANONYMOUS';
}

/** The rules' `auth` for a client, and the owner a file it creates gets (`resource.openid`). */
function authOf(client: StorageClient): { auth: RuleContext['auth']; owner: string | null } {
  if (client.openid) return { auth: { openid: client.openid, loginType: 'WECHAT-OPEN' }, owner: client.openid };
  if (client.uid) return { auth: { uid: client.uid, loginType: client.loginType ?? 'ANONYMOUS' }, owner: client.uid };
  return { auth: null, owner: null };
}

/** CloudBase does not document a default max_age for temporary URLs; we chose one day. */
const DEFAULT_MAX_AGE_SECONDS = 86_400;
const UPLOAD_TICKET_TTL_MS = 10 * 60_000;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const FILE_ROUTE = '/storage/file/';
const UPLOAD_ROUTE = '/storage/upload/';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeOf(cloudPath: string): string {
  return MIME[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}

/** A cloud path is relative, `/`-separated, with no empty, `.` or `..` segment. */
export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath.length === 0 || cloudPath.length > 1024) {
    throw new CloudError(ErrorCode.invalidParam, 'cloudPath must be a non-empty string');
  }
  const segments = cloudPath.split('/');
  if (cloudPath.includes('\\') || cloudPath.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new CloudError(ErrorCode.invalidParam, `invalid cloudPath: ${cloudPath}`);
  }
  return cloudPath;
}

interface UploadTicket {
  cloudPath: string;
  expiresAt: number;
}

export class CloudStorage {
  readonly bucket: string;
  private readonly root: string;
  /** Who uploaded each file (CloudBase's `resource.openid`): `<owners>/<cloudPath>`, absent for server uploads. */
  private readonly owners: string;
  private currentRules: StorageRules;

  get rules(): StorageRules {
    return this.currentRules;
  }

  /** Replaces the rules (the management API's ModifyStorageSafeRule); a rule that does not parse is refused. */
  setRules(rules: StorageRules): void {
    checkStorageRules(rules);
    this.currentRules = rules;
  }
  private readonly secret = randomBytes(32);
  private readonly tickets = new Map<string, UploadTicket>();

  constructor(private readonly options: StorageOptions) {
    // Same shape as CloudBase's bucket names (`<hex>-<env>-<appid>`), fixed for the local environment.
    this.bucket = `${Buffer.from(options.envId).toString('hex').slice(0, 4)}-${options.envId}-1250000000`;
    this.root = path.join(options.dataDir, 'storage');
    this.owners = path.join(options.dataDir, 'storage-owners');
    fs.mkdirSync(this.root, { recursive: true });
    this.currentRules = options.rules ?? loadStorageRules();
    checkStorageRules(this.currentRules);
  }

  /** The openid that uploaded `cloudPath` from a client, or null (a server upload, or no such file). */
  ownerOf(cloudPath: string): string | null {
    const file = path.join(this.owners, cloudPath);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  }

  /**
   * Whether a client may read or write `cloudPath` under the rules. `resource.openid` is the file's owner;
   * for a file that does not exist yet, the uploader (so CloudBase's "creator may write" templates allow
   * creating files: https://docs.cloudbase.net/storage/security-rules/started).
   */
  /** The owner a file `client` creates gets (`resource.openid`). */
  ownerFor(client: StorageClient): string | null {
    return authOf(client).owner;
  }

  clientMay(operation: 'read' | 'write', cloudPath: string, client: StorageClient): boolean {
    const { auth, owner: creator } = authOf(client);
    const owner = this.exists(cloudPath) ? this.ownerOf(cloudPath) : creator;
    return allows(this.rules, operation, { auth, resource: { openid: owner, path: cloudPath } });
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envId}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path of one of our file ids, or undefined for a foreign or malformed one. */
  cloudPathOf(fileId: unknown): string | undefined {
    if (typeof fileId !== 'string') return undefined;
    const prefix = `cloud://${this.options.envId}.${this.bucket}/`;
    if (!fileId.startsWith(prefix)) return undefined;
    try {
      return checkCloudPath(fileId.slice(prefix.length));
    } catch {
      return undefined;
    }
  }

  /** Stores a file (write then rename, so a reader never sees half a file) and returns its file id. */
  putFile(cloudPath: string, content: Buffer, owner: string | null = null): string {
    checkCloudPath(cloudPath);
    const target = path.join(this.root, cloudPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.uploading`;
    fs.writeFileSync(temp, content);
    // An overwrite keeps the file's owner, as the rules judged it against that owner.
    const ownerFile = path.join(this.owners, cloudPath);
    if (owner !== null && !fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(ownerFile), { recursive: true });
      fs.writeFileSync(ownerFile, owner);
    } else if (owner === null && !fs.existsSync(target)) {
      fs.rmSync(ownerFile, { force: true });
    }
    fs.renameSync(temp, target);
    return this.fileIdOf(cloudPath);
  }

  readFile(fileId: string): Buffer | undefined {
    const cloudPath = this.cloudPathOf(fileId);
    if (!cloudPath) return undefined;
    const file = path.join(this.root, cloudPath);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
  }

  private exists(cloudPath: string): boolean {
    const file = path.join(this.root, cloudPath);
    return fs.existsSync(file) && fs.statSync(file).isFile();
  }

  private sign(cloudPath: string, expiresAt: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\n${expiresAt}`).digest('hex');
  }

  /** A temporary download URL, served by this server until `maxAgeSeconds` have passed. */
  tempUrl(cloudPath: string, maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS, now = Date.now()): string {
    const expiresAt = Math.floor(now / 1000) + maxAgeSeconds;
    const encoded = cloudPath.split('/').map(encodeURIComponent).join('/');
    return `${this.options.baseUrl()}${FILE_ROUTE}${encoded}?t=${expiresAt}&sign=${this.sign(cloudPath, expiresAt)}`;
  }

  /**
   * `wx.cloud.getTempFileURL`-style entries, shared by the protocol action and the gateway. A `client` call
   * (the gateway) is checked against the read rule; a file it may not read answers STORAGE_EXCEED_AUTHORITY.
   */
  tempUrls(items: { fileID: unknown; maxAge?: unknown }[], client?: StorageClient): { fileID: string; tempFileURL: string; code: string; maxAge: number }[] {
    return items.map(({ fileID, maxAge }) => {
      const age = typeof maxAge === 'number' && maxAge > 0 ? Math.floor(maxAge) : DEFAULT_MAX_AGE_SECONDS;
      const cloudPath = this.cloudPathOf(fileID);
      if (client && (!cloudPath || !this.clientMay('read', cloudPath, client))) {
        return { fileID: String(fileID), tempFileURL: '', code: 'STORAGE_EXCEED_AUTHORITY', maxAge: age };
      }
      if (!cloudPath || !this.exists(cloudPath)) {
        return { fileID: String(fileID), tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge: age };
      }
      return { fileID: String(fileID), tempFileURL: this.tempUrl(cloudPath, age), code: 'SUCCESS', maxAge: age };
    });
  }

  deleteFiles(fileIds: unknown[]): { fileID: string; code: string }[] {
    return fileIds.map((fileId) => {
      const cloudPath = this.cloudPathOf(fileId);
      if (!cloudPath || !this.exists(cloudPath)) return { fileID: String(fileId), code: 'STORAGE_FILE_NONEXIST' };
      fs.rmSync(path.join(this.root, cloudPath));
      fs.rmSync(path.join(this.owners, cloudPath), { force: true });
      return { fileID: String(fileId), code: 'SUCCESS' };
    });
  }

  get actions(): ActionTable {
    return {
      'storage.getUploadMetadata': async (params) => {
        const cloudPath = checkCloudPath(params.path);
        const ticket = randomUUID();
        this.tickets.set(ticket, { cloudPath, expiresAt: Date.now() + UPLOAD_TICKET_TTL_MS });
        const fileId = this.fileIdOf(cloudPath);
        return {
          url: `${this.options.baseUrl()}${UPLOAD_ROUTE}${ticket}`,
          token: ticket,
          authorization: ticket,
          fileId,
          cosFileId: ticket,
        };
      },
      'storage.batchGetDownloadUrl': async (params) => {
        const list = params.file_list;
        if (!Array.isArray(list)) throw new CloudError(ErrorCode.invalidParam, 'file_list must be an array');
        const items = list.map((item: unknown) => {
          const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
          return { fileID: record.fileid, maxAge: record.max_age };
        });
        return { download_list: this.tempUrls(items) };
      },
      'storage.batchDeleteFile': async (params) => {
        const list = params.fileid_list;
        if (!Array.isArray(list)) throw new CloudError(ErrorCode.invalidParam, 'fileid_list must be an array');
        return { delete_list: this.deleteFiles(list) };
      },
    };
  }

  /** Serves the upload and temporary-URL routes; returns false when the path is not ours. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL, readBody: (limit: number) => Promise<Buffer>): boolean {
    if (url.pathname.startsWith(UPLOAD_ROUTE) && (req.method === 'PUT' || req.method === 'POST')) {
      const ticketId = url.pathname.slice(UPLOAD_ROUTE.length);
      const ticket = this.tickets.get(ticketId);
      if (!ticket || ticket.expiresAt < Date.now()) {
        this.tickets.delete(ticketId);
        sendXmlError(res, 403, 'AccessDenied', 'upload ticket is invalid or expired', url.pathname);
        req.resume();
        return true;
      }
      this.tickets.delete(ticketId);
      readBody(MAX_FILE_BYTES).then(
        (content) => {
          this.putFile(ticket.cloudPath, content);
          // COS answers an empty body on success; the SDK parses it as XML.
          res.writeHead(200, { 'content-length': 0 });
          res.end();
        },
        () => sendXmlError(res, 400, 'EntityTooLarge', 'file too large', url.pathname),
      );
      return true;
    }
    if (url.pathname.startsWith(FILE_ROUTE) && (req.method === 'GET' || req.method === 'HEAD')) {
      let cloudPath: string;
      try {
        cloudPath = checkCloudPath(url.pathname.slice(FILE_ROUTE.length).split('/').map(decodeURIComponent).join('/'));
      } catch {
        sendXmlError(res, 400, 'InvalidURI', 'invalid file path', url.pathname);
        return true;
      }
      const expiresAt = Number(url.searchParams.get('t'));
      const given = Buffer.from(url.searchParams.get('sign') ?? '', 'utf8');
      const expected = Buffer.from(this.sign(cloudPath, expiresAt), 'utf8');
      if (!Number.isFinite(expiresAt) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        sendXmlError(res, 403, 'AccessDenied', 'invalid signature', url.pathname);
        return true;
      }
      if (expiresAt * 1000 < Date.now()) {
        sendXmlError(res, 403, 'AccessDenied', 'Request has expired', url.pathname);
        return true;
      }
      const file = path.join(this.root, cloudPath);
      if (!this.exists(cloudPath)) {
        sendXmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname);
        return true;
      }
      const size = fs.statSync(file).size;
      res.writeHead(200, { 'content-type': mimeOf(cloudPath), 'content-length': size });
      if (req.method === 'HEAD') res.end();
      else
        fs.createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      return true;
    }
    return false;
  }
}

/** COS answers errors as XML; the SDK's uploadFile parses `<Error><Code>…` from it. */
function sendXmlError(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  const escape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const requestId = randomUUID();
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message><Resource>${escape(resource)}</Resource><RequestId>${requestId}</RequestId><TraceId>${requestId}</TraceId></Error>`;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
