import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard and built into Node: no native dependency to compile on every machine.
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: cost, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export class PasswordHasher {
  constructor(private readonly cost: number) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, this.cost);
    return `scrypt$${this.cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** With `stored` null (unknown user) the same work is done and false returned, so timing tells nothing. */
  async verify(password: string, stored: string | null): Promise<boolean> {
    if (stored === null) {
      await derive(password, randomBytes(16), this.cost);
      return false;
    }
    const [scheme, cost, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !cost || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(cost));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
