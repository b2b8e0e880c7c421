/**
 * Static website hosting of the empty (deployable) local cloud, as manager-node's `hosting` module reaches it
 * (lib/hosting/index.js, https://docs.cloudbase.net/api-reference/manager/node/hosting):
 * - CloudBase API: `DescribeStaticStore` (https://cloud.tencent.com/document/api/876/128129) tells whether the
 *   service is on and names its COS bucket and domain; `CreateStaticStore`
 *   (https://cloud.tencent.com/document/api/876/42152) turns it on. A new environment has it off
 *   ("静态网站托管服务不会直接开通，而是需要您在环境中单独开通", the page above).
 * - COS XML API on the hosting bucket, which manager-node calls with the caller's own keys through the
 *   cos-nodejs-sdk-v5 at `{Bucket}.cos.{Region}.tencentcos.cn` (lib/storage/index.js getCos), honouring the same
 *   `proxy` option as every other call: PUT Object (https://cloud.tencent.com/document/product/436/7749),
 *   GET Bucket (https://cloud.tencent.com/document/product/436/7734), DELETE Object
 *   (https://cloud.tencent.com/document/product/436/7743), PUT/GET Bucket website
 *   (https://cloud.tencent.com/document/product/436/31930, .../436/31929). They arrive through the CONNECT tunnel
 *   (tls.ts), whose certificate also names that host.
 * - The website itself: a listener of its own on loopback (its own origin, as the hosting domain is), serving
 *   the bucket as a COS static website does: the index document for `/` and `dir/`, `dir` redirected to
 *   `dir/`, and the error document (status 404) for anything else (https://cloud.tencent.com/document/product/436/14984).
 */
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type tls from 'node:tls';
import { TYPES } from '../console';
import { hostServed, servedHosts } from '../origin';
import { ApiError } from './api-error';
import { cosHost, LOCAL_REGION } from './tls';

type Params = Record<string, unknown>;

/** DescribeStaticStore's statuses (manager-node lib/hosting/index.js HostingStatusMap). */
export type HostingStatus = 'init' | 'process' | 'online' | 'destroying' | 'offline' | 'create_fail' | 'destroy_fail';

interface StoredObject {
  etag: string;
  size: number;
  lastModified: string;
  contentType: string;
  file: string;
}

interface HostingState {
  status: HostingStatus;
  website: { index: string; error?: string };
  objects: Record<string, StoredObject>;
  /**
   * The website's loopback port, kept so a restart of the local cloud serves the site at the same address, as
   * a hosting domain stays the same (bookmarks, a console's stored sign-in, links in the README keep working).
   */
  port?: number;
}

/** A COS request signature (https://cloud.tencent.com/document/product/436/7778): well formed; not verified. */
const COS_SIGNATURE =
  /^q-sign-algorithm=sha1&q-ak=[^&]+&q-sign-time=\d+;\d+&q-key-time=\d+;\d+&q-header-list=[^&]*&q-url-param-list=[^&]*&q-signature=[0-9a-f]{40}$/;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface StaticHostingOptions {
  envId: string;
  appId: string;
  dataDir: string;
}

export class StaticHosting {
  readonly bucket: string;
  private readonly dir: string;
  private readonly stateFile: string;
  private state: HostingState | undefined;
  private readonly cosServer: http.Server;
  private website: { server: http.Server; url: string; domain: string } | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: StaticHostingOptions) {
    this.bucket = `static-${options.envId}-${options.appId}`;
    this.dir = path.join(options.dataDir, 'hosting');
    this.stateFile = path.join(this.dir, 'state.json');
    if (fs.existsSync(this.stateFile)) this.state = JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as HostingState;
    this.cosServer = http.createServer((req, res) => {
      this.serveCos(req, res).catch(() => res.destroy());
    });
  }

  /** The COS host name of the bucket, as the SDK's tunnel asks for it (`host:443`). */
  get cosHost(): string {
    return cosHost(this.bucket);
  }

  /** The website's address once the service is on (for tests and the start banner). */
  async websiteUrl(): Promise<string | undefined> {
    if (this.state?.status !== 'online') return undefined;
    await this.startWebsite();
    return this.website?.url;
  }

  /** A TLS socket of the CONNECT tunnel to the bucket's host: its requests are COS requests. */
  acceptCos(secure: tls.TLSSocket): void {
    this.cosServer.emit('connection', secure);
  }

  close(): void {
    this.cosServer.close();
    if (this.website) {
      this.website.server.closeAllConnections();
      this.website.server.close();
    }
  }

  /** The CloudBase API actions. `env` checks the request's EnvId. */
  tcbActions(env: (params: Params) => void): Record<string, (params: Params) => Promise<Record<string, unknown>>> {
    return {
      DescribeStaticStore: async (params) => {
        env(params);
        if (!this.state) return { Data: [] };
        if (this.state.status === 'online') await this.startWebsite();
        // The reference page's example names the region `Region`; manager-node reads `Regoin` (sic).
        return {
          Data: [
            {
              EnvId: this.options.envId,
              CdnDomain: this.website?.domain ?? '',
              Bucket: this.bucket,
              Region: LOCAL_REGION,
              Regoin: LOCAL_REGION,
              Status: this.state.status,
            },
          ],
        };
      },
      CreateStaticStore: async (params) => {
        env(params);
        if (this.state && this.state.status !== 'offline') throw new ApiError('ResourceInUse', 'static website hosting is already enabled in this environment');
        // CloudBase creates the bucket and CDN asynchronously; locally both exist at once.
        this.state = { status: 'online', website: { index: 'index.html' }, objects: this.state?.objects ?? {}, port: this.state?.port };
        this.save();
        await this.startWebsite();
        return { Result: 'succ' };
      },
    };
  }

  private save(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }

  private startWebsite(): Promise<void> {
    this.starting ??= this.listenWebsite(this.state?.port ?? 0).catch((err: NodeJS.ErrnoException) => {
      // The kept port is taken (another program, or a second local cloud on this data folder): take any.
      if (err.code !== 'EADDRINUSE' || !this.state?.port) throw err;
      return this.listenWebsite(0);
    });
    return this.starting;
  }

  private listenWebsite(wanted: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const server = http.createServer((req, res) => this.serveWebsite(req, res, hosts));
      let hosts: ReadonlySet<string> = new Set();
      server.once('error', reject);
      server.listen({ port: wanted, host: '127.0.0.1' }, () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        hosts = servedHosts('127.0.0.1', port);
        this.website = { server, url: `http://127.0.0.1:${port}`, domain: `127.0.0.1:${port}` };
        if (this.state && this.state.port !== port) {
          this.state.port = port;
          this.save();
        }
        resolve();
      });
    });
  }

  private read(key: string): { object: StoredObject; body: Buffer } | undefined {
    const object = this.state?.objects[key];
    if (!object) return undefined;
    return { object, body: fs.readFileSync(path.join(this.dir, 'objects', object.file)) };
  }

  /** Keys and ETags of the bucket, for tests. */
  objects(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.state?.objects ?? {}).map(([key, object]) => [key, object.etag]));
  }

  /** Puts a file into the bucket as any other uploader would (tests: a file the build does not have). */
  putObject(key: string, body: Buffer): void {
    if (this.state?.status !== 'online') throw new Error('static website hosting is not enabled');
    this.store(this.state, key, body, '');
  }

  private store(state: HostingState, key: string, body: Buffer, sentType: string): string {
    const md5 = crypto.createHash('md5').update(body).digest('hex');
    const file = crypto.createHash('sha256').update(key).digest('hex');
    fs.mkdirSync(path.join(this.dir, 'objects'), { recursive: true });
    fs.writeFileSync(path.join(this.dir, 'objects', file), body);
    // A simple upload's ETag is the MD5 of its content (https://cloud.tencent.com/document/product/436/7749).
    state.objects[key] = {
      etag: `"${md5}"`,
      size: body.length,
      lastModified: new Date().toISOString(),
      contentType: sentType && sentType !== 'application/octet-stream' ? sentType : (TYPES[path.extname(key).toLowerCase()] ?? 'application/octet-stream'),
      file,
    };
    this.save();
    return `"${md5}"`;
  }

  // ---- the website ------------------------------------------------------------------------------------------

  private serveWebsite(req: http.IncomingMessage, res: http.ServerResponse, hosts: ReadonlySet<string>): void {
    req.resume();
    const send = (status: number, headers: Record<string, string | number>, body: Buffer | string) => {
      res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!hostServed(req, hosts)) {
      send(403, { 'content-type': 'text/plain' }, 'forbidden');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }, 'method not allowed');
      return;
    }
    const state = this.state;
    if (state?.status !== 'online') {
      send(404, { 'content-type': 'text/plain' }, 'static website hosting is not enabled');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://hosting');
    let key: string;
    try {
      key = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      send(400, { 'content-type': 'text/plain' }, 'bad request');
      return;
    }
    const index = state.website.index;
    const answer = (found: { object: StoredObject; body: Buffer }, status = 200) =>
      send(
        status,
        { 'content-type': found.object.contentType, etag: found.object.etag, 'last-modified': new Date(found.object.lastModified).toUTCString() },
        found.body,
      );
    const found = this.read(key === '' || key.endsWith('/') ? `${key}${index}` : key);
    if (found) {
      answer(found);
      return;
    }
    if (key !== '' && !key.endsWith('/') && state.objects[`${key}/${index}`]) {
      send(301, { location: `/${key}/${url.search}` }, '');
      return;
    }
    const error = state.website.error ? this.read(state.website.error) : undefined;
    if (error) {
      answer(error, 404);
      return;
    }
    send(404, { 'content-type': 'text/plain' }, 'not found');
    return;
  }

  // ---- COS XML API ------------------------------------------------------------------------------------------

  private async serveCos(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `https://${this.cosHost}`);
    const xml = (status: number, content: string, headers: Record<string, string> = {}) => {
      const text = content ? `<?xml version='1.0' encoding='utf-8' ?>\n${content}` : '';
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text), 'x-cos-request-id': randomUUID(), ...headers });
      res.end(text);
    };
    const error = (status: number, code: string, message: string) =>
      xml(
        status,
        `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><Resource>${escapeXml(url.host + url.pathname)}</Resource><RequestId>${randomUUID()}</RequestId></Error>`,
      );
    if (req.headers.host !== this.cosHost) {
      error(404, 'NoSuchBucket', 'The specified bucket does not exist.');
      return;
    }
    if (!COS_SIGNATURE.test(String(req.headers.authorization ?? ''))) {
      error(403, 'AccessDenied', 'Access Denied.');
      return;
    }
    const state = this.state;
    // Until the service is on, the bucket does not exist.
    if (state?.status !== 'online') {
      error(404, 'NoSuchBucket', 'The specified bucket does not exist.');
      return;
    }
    let key: string;
    try {
      key = decodeURIComponent(url.pathname.slice(1));
    } catch {
      error(400, 'InvalidURI', 'Could not parse the specified URI.');
      return;
    }

    if (key === '' && url.searchParams.has('website')) {
      if (req.method === 'GET') {
        const errorDocument = state.website.error ? `<ErrorDocument><Key>${escapeXml(state.website.error)}</Key></ErrorDocument>` : '';
        return xml(
          200,
          `<WebsiteConfiguration><IndexDocument><Suffix>${escapeXml(state.website.index)}</Suffix></IndexDocument>${errorDocument}</WebsiteConfiguration>`,
        );
      }
      if (req.method === 'PUT') {
        const text = body.toString('utf8');
        const suffix = /<IndexDocument>\s*<Suffix>([^<]+)<\/Suffix>\s*<\/IndexDocument>/.exec(text)?.[1];
        if (!suffix) {
          error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
          return;
        }
        const errorKey = /<ErrorDocument>\s*<Key>([^<]+)<\/Key>\s*<\/ErrorDocument>/.exec(text)?.[1];
        state.website = { index: suffix, ...(errorKey ? { error: errorKey } : {}) };
        this.save();
        xml(200, '');
        return;
      }
    }
    if (key === '' && req.method === 'GET') {
      this.listObjects(url, state, xml);
      return;
    }
    if (key === '') {
      error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      return;
    }

    if (req.method === 'PUT') {
      if (key.length > 850) {
        error(400, 'KeyTooLong', 'Your key is too long.');
        return;
      }
      xml(200, '', { etag: this.store(state, key, body, String(req.headers['content-type'] ?? '')) });
      return;
    }
    if (req.method === 'DELETE') {
      const object = state.objects[key];
      if (object) {
        delete state.objects[key];
        this.save();
        fs.rmSync(path.join(this.dir, 'objects', object.file), { force: true });
      }
      // Deleting a missing object succeeds too.
      res.writeHead(204, { 'x-cos-request-id': randomUUID() });
      res.end();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const found = this.read(key);
      if (!found) {
        error(404, 'NoSuchKey', 'The specified key does not exist.');
        return;
      }
      res.writeHead(200, { 'content-type': found.object.contentType, 'content-length': found.body.length, etag: found.object.etag });
      res.end(req.method === 'HEAD' ? undefined : found.body);
      return;
    }
    error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return;
  }

  private listObjects(url: URL, state: HostingState, xml: (status: number, content: string) => void): void {
    const prefix = url.searchParams.get('prefix') ?? '';
    const marker = url.searchParams.get('marker') ?? '';
    const maxKeys = Math.min(1000, Math.max(1, Number(url.searchParams.get('max-keys') ?? 1000) || 1000));
    const keys = Object.keys(state.objects)
      .filter((key) => key.startsWith(prefix) && key > marker)
      .sort();
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const contents = page
      .map((key) => {
        const object = state.objects[key] as StoredObject;
        return `<Contents><Key>${escapeXml(key)}</Key><LastModified>${object.lastModified}</LastModified><ETag>${escapeXml(object.etag)}</ETag><Size>${object.size}</Size><Owner><ID>${this.options.appId}</ID><DisplayName>${this.options.appId}</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    xml(
      200,
      `<ListBucketResult><Name>${this.bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><Marker>${escapeXml(marker)}</Marker><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextMarker>${escapeXml(page[page.length - 1] as string)}</NextMarker>` : ''}${contents}</ListBucketResult>`,
    );
  }
}
