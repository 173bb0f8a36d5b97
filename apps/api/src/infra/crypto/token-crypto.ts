import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** Random URL-safe secret. 24 bytes = 192 bits for printer tokens, 32 for keys and sessions. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Keyed hashing and sealing of secrets, derived from the installation's app secret.
 * Tokens are looked up by their HMAC (so the database never holds a usable secret) and the
 * matched hash is compared again in constant time.
 */
export class TokenCrypto {
  private readonly hmacKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(appSecret: string) {
    const ikm = Buffer.from(appSecret, 'utf8');
    this.hmacKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'goodcom-bridge token hash', 32));
    this.sealKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'goodcom-bridge token seal', 32));
  }

  hash(token: string): string {
    return createHmac('sha256', this.hmacKey).update(token, 'utf8').digest('hex');
  }

  /** Constant-time check that `token` hashes to `expectedHash`. */
  matches(token: string, expectedHash: string): boolean {
    const actual = Buffer.from(this.hash(token), 'hex');
    const expected = Buffer.from(expectedHash, 'hex');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** AES-256-GCM, for secrets the owner must be able to see again (printer URLs). */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
  }

  unseal(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) throw new Error('Malformed sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
