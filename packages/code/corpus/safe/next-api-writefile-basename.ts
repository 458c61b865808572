import type { NextApiRequest, NextApiResponse } from 'next';
import { writeFileSync } from 'fs';
import path from 'path';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { name, content } = req.body;
  writeFileSync(`/var/app/notes/${path.basename(name)}.txt`, content);
  res.status(201).end();
}
