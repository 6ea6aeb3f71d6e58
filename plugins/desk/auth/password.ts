import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; N=16384, r=8, p=1 are the widely used interactive-login values. */
export const passwordHashParameters = Object.freeze({ N: 16_384, r: 8, p: 1 });

const saltBytes = 16;
const noHashSalt = Buffer.alloc(saltBytes);
const keyBytes = 64;
// A stored hash names its own cost; refuse costs far beyond ours rather than let one bad row
// make every sign-in allocate gigabytes.
const maxCost = 1 << 20;

function derive(password: string, salt: Buffer, options: ScryptOptions & { keylen: number }) {
  const { keylen, ...cost } = options;
  const maxmem = 256 * (cost.N ?? 0) * (cost.r ?? 0) + 1024 * 1024;
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with scrypt and a random salt, as `scrypt$N$r$p$saltB64$hashB64`.
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = passwordHashParameters;
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, { N, r, p, keylen: keyBytes });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (N === undefined || r === undefined || p === undefined) return undefined;
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > maxCost || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return undefined;
  if (salt.length === 0 || key.length < 16) return undefined;
  return { N, r, p, salt, key };
}

/**
 * True when `password` matches `stored` (a {@link hashPassword} result). A malformed or missing
 * hash never matches, and costs one derivation at our own parameters like any other failure. The
 * comparison takes the same time wherever the keys differ.
 *
 * @example
 * if (!(await verifyPassword(form.password, user.password_hash))) return signInFailed();
 */
export async function verifyPassword(
  password: string,
  stored: string | null | undefined,
): Promise<boolean> {
  const parsed = stored == null ? undefined : parse(stored);
  if (parsed === undefined) {
    // No usable hash (an account without a password, a malformed row) costs what a wrong
    // password costs, so the answer's timing does not tell which accounts have one.
    await derive(password, noHashSalt, { ...passwordHashParameters, keylen: keyBytes });
    return false;
  }
  const { salt, key, ...cost } = parsed;
  const candidate = await derive(password, salt, { ...cost, keylen: key.length });
  return timingSafeEqual(candidate, key);
}
