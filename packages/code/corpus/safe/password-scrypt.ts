import { randomBytes, scryptSync } from 'crypto';

export function storePassword(user: { passwordHash: string }, password: string) {
  const salt = randomBytes(16);
  user.passwordHash = salt.toString('hex') + ':' + scryptSync(password, salt, 64).toString('hex');
}
