/** HTTP helpers for talking to a running Gongzhi server from the benchmark process. */
export interface Session { cookie: string; csrf: string }

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${body.slice(0, 300)}`);
  const sid = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('gz_sid='));
  if (!sid) throw new Error('login answered 200 without a gz_sid cookie');
  return { cookie: sid, csrf: (JSON.parse(body) as { csrfToken: string }).csrfToken };
}

/** GET that must answer 200; returns the parsed JSON and the raw body size. */
export async function getJson<T>(base: string, url: string, session?: Session): Promise<{ body: T; bytes: number; raw: string }> {
  const res = await fetch(base + url, { headers: session ? { cookie: session.cookie } : {}, signal: AbortSignal.timeout(30_000) });
  const raw = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${raw.slice(0, 300)}`);
  return { body: JSON.parse(raw) as T, bytes: Buffer.byteLength(raw), raw };
}
