// expect: code/ssrf
import axios from 'axios';

export async function POST(request: Request) {
  const { webhook } = await request.json();
  await axios.post(webhook, { event: 'ping' });
  return Response.json({ ok: true });
}
