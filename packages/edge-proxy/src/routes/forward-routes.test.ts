// Inject mode against a real vault and a loopback upstream that records what it received.
import { describe, expect, it } from 'vitest';
import { call, env, mint, uidOf } from '../test-support/worker-test.js';

interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function received(): Promise<Received[]> {
  return (await (
    await fetch(`${env.TEST_UPSTREAM_URL.replace('localhost', '127.0.0.1')}/__received`)
  ).json()) as Received[];
}

async function code(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

const secret = 'sk_live_stripe_value';
const placeholder = () => `{{keeper://${uidOf('Stripe')}/field/password}}`;

async function stripeToken(hosts = ['localhost']): Promise<string> {
  return mint([`keeper://${uidOf('Stripe')}/field/password`], { hosts, sub: 'forwarder' });
}

describe('POST /v1/forward', () => {
  it('fills placeholders in URL, headers and body; the upstream gets the value and the caller never sees it', async () => {
    const token = await stripeToken();
    const response = await call('/v1/forward', {
      token,
      json: {
        url: `${env.TEST_UPSTREAM_URL}/echo?key=${placeholder()}&n=1`,
        method: 'POST',
        headers: { authorization: `Bearer ${placeholder()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: placeholder(), encoded: 'x' }),
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ksmkit-forwarded')).toBe('scrubbed');
    const text = await response.text();
    expect(text).not.toContain(secret);
    expect(text).toContain('****');
    expect(response.headers.get('x-echo-auth')).toBe('Bearer ****');
    const got = (await received()).at(-1);
    expect(got?.url).toBe(`/echo?key=${secret}&n=1`);
    expect(got?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(JSON.parse(got?.body ?? '{}')).toEqual({ apiKey: secret, encoded: 'x' });
  });

  it('follows a same-origin redirect and refuses one off the allowlist or to an IP literal', async () => {
    const token = await stripeToken();
    const same = await call('/v1/forward', {
      token,
      json: { url: `${env.TEST_UPSTREAM_URL}/redirect-same`, headers: { authorization: placeholder() } },
    });
    expect(same.status).toBe(200);
    expect((await received()).at(-1)?.url).toBe('/echo?after=redirect');
    for (const path of ['/redirect-off', '/redirect-ip']) {
      const response = await call('/v1/forward', {
        token,
        json: { url: `${env.TEST_UPSTREAM_URL}${path}`, headers: { authorization: placeholder() } },
      });
      expect(response.status).toBe(403);
      expect(await code(response)).toBe('ERR_REDIRECT_DENIED');
    }
  });

  it('refuses destinations off the token allowlist, off the record allowlist, IP literals, userinfo and plain http', async () => {
    const port = new URL(env.TEST_UPSTREAM_URL).port;
    const json = (url: string) => ({ url, headers: { authorization: placeholder() } });
    const cases: [string, string, string[]?][] = [
      [`https://api.stripe.com/v1/charges`, 'ERR_DESTINATION_DENIED', ['localhost']],
      [`https://evil.example/`, 'ERR_DESTINATION_DENIED', ['evil.example']], // record allows localhost and stripe only
      [`http://127.0.0.1:${port}/echo`, 'ERR_DESTINATION_DENIED', ['127.0.0.1']],
      [`http://user:pw@localhost:${port}/echo`, 'ERR_DESTINATION_DENIED'],
    ];
    const before = (await received()).length;
    for (const [url, expected, hosts] of cases) {
      const response = await call('/v1/forward', { token: await stripeToken(hosts), json: json(url) });
      expect(response.status, url).toBe(403);
      expect(await code(response)).toBe(expected);
    }
    const https = await call('/v1/forward', {
      token: await stripeToken(),
      json: json(`${env.TEST_UPSTREAM_URL}/echo`),
      vars: { ALLOW_HTTP_FORWARD: 'false' },
    });
    expect(await code(https)).toBe('ERR_DESTINATION_DENIED');
    expect((await received()).length).toBe(before);
  });

  it('refuses placeholders in the host, notations outside the scope and oversized requests', async () => {
    const token = await stripeToken();
    const inHost = await call('/v1/forward', { token, json: { url: `https://${placeholder()}.example/` } });
    expect(inHost.status).toBe(400);
    const outside = await call('/v1/forward', {
      token,
      json: {
        url: `${env.TEST_UPSTREAM_URL}/echo`,
        headers: { authorization: `{{keeper://${uidOf('Postgres')}/field/password}}` },
      },
    });
    expect(await code(outside)).toBe('ERR_SCOPE_DENIED');
    const big = await call('/v1/forward', {
      token,
      json: { url: `${env.TEST_UPSTREAM_URL}/echo`, method: 'POST', body: 'x'.repeat(4096) },
      vars: { MAX_BODY_BYTES: '1024' },
    });
    expect(big.status).toBe(413);
  });
});
