// expect: code/weak-password-hash
import { createHash } from 'crypto';

export function storePassword(user: { passwordHash: string }, password: string) {
  user.passwordHash = createHash('sha1').update(password).digest('hex');
}
