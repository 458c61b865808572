// expect: code/hardcoded-jwt-secret
import jwt from 'jsonwebtoken';

export function issue(userId: string): string {
  return jwt.sign({ sub: userId }, 'dev-secret-do-not-ship', { expiresIn: '1h' });
}
