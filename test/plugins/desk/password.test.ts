import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../plugins/desk/auth/password.js';

describe('desk password hashing', () => {
  it('writes scrypt$N$r$p$salt$hash with N=16384, r=8, p=1', async () => {
    const stored = await hashPassword('Acorn-demo-2026!');
    const [kdf, n, r, p, salt, hash] = stored.split('$');
    expect([kdf, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(64);
  });

  it('accepts the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('Acorn-demo-2026!');
    expect(await verifyPassword('Acorn-demo-2026!', stored)).toBe(true);
    expect(await verifyPassword('acorn-demo-2026!', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so one password hashes differently twice', async () => {
    const first = await hashPassword('same password');
    const second = await hashPassword('same password');
    expect(first).not.toBe(second);
    expect(await verifyPassword('same password', second)).toBe(true);
  });

  it('verifies a hash made with other cost parameters, read from the stored string', async () => {
    const stored = await hashPassword('pässwörd');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const cheaper = `scrypt$1024$8$1$${salt}$${scryptSync('pässwörd', Buffer.from(salt!, 'base64'), 32, { N: 1024, r: 8, p: 1 }).toString('base64')}`;
    expect(await verifyPassword('pässwörd', cheaper)).toBe(true);
    expect(await verifyPassword('password', cheaper)).toBe(false);
  });

  it.each([
    ['no hash', null],
    ['empty', ''],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['too few parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['N far too large', 'scrypt$1073741824$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['negative r', 'scrypt$16384$-8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['empty salt', 'scrypt$16384$8$1$$aGFzaGhhc2hoYXNoaGFzaA=='],
  ])('never matches a malformed hash (%s)', async (_case, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});
