import jwt from 'jsonwebtoken';

export function read(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
}
