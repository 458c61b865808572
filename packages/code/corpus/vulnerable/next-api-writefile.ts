// expect: code/path-traversal
import type { NextApiRequest, NextApiResponse } from 'next';
import { writeFileSync } from 'fs';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { name, content } = req.body;
  writeFileSync(`/var/app/notes/${name}.txt`, content);
  res.status(201).end();
}
