/**
 * The local cloud's stand-in for CloudBase's web sign-in, which the console's transport reaches through the
 * gateway in local mode (web/src/services/transport.ts). @cloudbase/js-sdk 3.x builds its endpoints from the
 * environment id and region (`<env>.<region>.tcb-api.tencentcloudapi.com`, `<env>.api.tcloudbasegateway.com`)
 * with no documented way to point them elsewhere, so the browser cannot run it against this server.
 *
 * What it keeps faithful: the browser first signs in anonymously and gets an access token for a CloudBase
 * uid the server chose; a custom-login ticket (https://docs.cloudbase.net/authentication-v2/method/custom-login)
 * is verified against the environment's custom-login key before it becomes a signed-in token; functions
 * learn the caller from the token only (uid and custom user id, as getUserInfo reports them). The key pair
 * is this data folder's: functions get its private half in WEIKE_CUSTOM_LOGIN_KEY, as a deployed function
 * gets the key file CloudBase's console hands out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createVerify, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

interface KeyFile {
  private_key_id: string;
  private_key: string;
  env_id: string;
  public_key: string;
}

export interface WebUser {
  uid: string;
  customUserId: string | null;
}

export class WebAuthError extends Error {}

/** The key pair's file in the data folder. */
export const KEY_FILE = 'custom-login-key.json';

export class WebAuth {
  private readonly tokens = new Map<string, WebUser>();

  private constructor(private readonly key: KeyFile) {}

  /** The data folder's key pair, made on first start (tickets issued before a restart stay verifiable). */
  static open(dataDir: string, envId: string): WebAuth {
    const file = path.join(dataDir, KEY_FILE);
    if (fs.existsSync(file)) {
      const key = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
      if (key.env_id === envId) return new WebAuth(key);
    }
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const key: KeyFile = { private_key_id: randomUUID(), private_key: pair.privateKey, env_id: envId, public_key: pair.publicKey };
    fs.writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
    return new WebAuth(key);
  }

  /** What every function is given: the key file's fields CloudBase's console hands out (no public half). */
  functionEnv(): Record<string, string> {
    const { private_key_id, private_key, env_id } = this.key;
    return { WEIKE_CUSTOM_LOGIN_KEY: JSON.stringify({ private_key_id, private_key, env_id }) };
  }

  private issue(user: WebUser): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, user);
    return token;
  }

  signInAnonymously(): { accessToken: string; uid: string } {
    const uid = `anon-${randomUUID()}`;
    return { accessToken: this.issue({ uid, customUserId: null }), uid };
  }

  userOf(token: string): WebUser | null {
    return this.tokens.get(token) ?? null;
  }

  /** Verifies a ticket as CloudBase does (key id, RS256 signature, environment, expiry) and signs in with it. */
  signInWithTicket(ticket: string, now = Date.now()): { accessToken: string; uid: string; customUserId: string } {
    const [keyId, jwt, extra] = ticket.split('/@@/');
    if (extra !== undefined || keyId !== this.key.private_key_id || !jwt) throw new WebAuthError("ticket not signed with this environment's custom-login key");
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) throw new WebAuthError('malformed ticket');
    const valid = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(this.key.public_key, Buffer.from(signature, 'base64url'));
    if (!valid) throw new WebAuthError('ticket signature invalid');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { env?: unknown; exp?: unknown; uid?: unknown };
    if (claims.env !== this.key.env_id) throw new WebAuthError('ticket for another environment');
    if (typeof claims.exp !== 'number' || claims.exp < now) throw new WebAuthError('ticket expired');
    if (typeof claims.uid !== 'string' || !/^[a-zA-Z0-9_\-#@~=*(){}[\]:.,<>+]{4,32}$/.test(claims.uid)) throw new WebAuthError('invalid custom user id');
    // One CloudBase user per custom user id, created on its first sign-in.
    const uid = `custom-${createHash('sha256').update(claims.uid).digest('hex').slice(0, 24)}`;
    return { accessToken: this.issue({ uid, customUserId: claims.uid }), uid, customUserId: claims.uid };
  }
}
