import axios from 'axios';

const HOOKS = new Set(['https://hooks.example.com/a', 'https://hooks.example.com/b']);

export async function POST(request: Request) {
  const { webhook } = await request.json();
  if (!HOOKS.has(webhook)) return Response.json({ ok: false }, { status: 400 });
  await axios.post(webhook, { event: 'ping' });
  return Response.json({ ok: true });
}
