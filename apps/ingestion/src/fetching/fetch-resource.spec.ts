import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchFailedError, FetchRefusedError } from './fetch-errors';
import { fetchResource, FetchLimits, FETCH_USER_AGENT } from './fetch-resource';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface TestServer {
  url: string;
  host: string;
  port: number;
  requests: IncomingMessage[];
  /** Per request, settles when its response closes (ended, or cut by the client). */
  closed: Promise<void>[];
  stop(): Promise<void>;
}

async function serve(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const closed: Promise<void>[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    closed.push(new Promise((resolve) => response.on('close', () => resolve())));
    const handler = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    closed,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const redirect =
  (location: string, status = 302): Handler =>
  (_, response) =>
    response.writeHead(status, { location }).end();

async function failure(work: Promise<unknown>): Promise<FetchRefusedError | FetchFailedError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FetchRefusedError || error instanceof FetchFailedError) return error;
    throw error;
  }
  throw new Error('the fetch succeeded');
}

describe('fetchResource', () => {
  let origin: TestServer;
  let other: TestServer;
  let limits: FetchLimits;

  beforeAll(async () => {
    other = await serve({
      '/final.txt': (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('arrived'),
      '/back': redirect('/final.txt', 307),
    });
    origin = await serve({
      '/doc.pdf': (_, response) =>
        response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '9' }).end('%PDF-body'),
      '/download': (_, response) =>
        response
          .writeHead(200, { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="rates.csv"' })
          .end('a,b\n1,2\n'),
      '/r1': redirect('/r2', 301),
      '/r2': redirect(`${other.url}/back`, 303),
      '/loop': redirect('/loop'),
      '/no-location': (_, response) => response.writeHead(302).end(),
      '/to-ftp': redirect('ftp://files.example/x'),
      '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
      '/secret': (_, response) => response.writeHead(200).end('internal'),
      '/big-declared': (_, response) => {
        response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        response.write(Buffer.alloc(1024)); // and then nothing: the fetch must not wait for the rest
      },
      '/big-streamed': (_, response) => {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const timer = setInterval(() => response.write(Buffer.alloc(16 * 1024)), 5);
        response.on('close', () => clearInterval(timer));
      },
      '/exact': (_, response) => response.writeHead(200).end(Buffer.alloc(100)),
      '/hang': () => undefined,
      '/slow-body': (_, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('.'), 50);
        response.on('close', () => clearInterval(timer));
      },
      '/server-error': (_, response) => response.writeHead(503).end('down'),
      '/cut': (_, response) => {
        response.writeHead(200, { 'content-length': '100' });
        response.write('partial', () => response.socket?.destroy());
      },
    });
    limits = { maxBytes: 64 * 1024, timeoutMs: 2000, maxRedirects: 3, allowedHosts: [origin.host, other.host] };
  });

  afterAll(async () => {
    await origin.stop();
    await other.stop();
  });

  describe('from allowed hosts', () => {
    it('downloads a resource with its type and the name from the url', async () => {
      const fetched = await fetchResource(`${origin.url}/doc.pdf`, limits);
      expect(fetched).toEqual({
        body: Buffer.from('%PDF-body'),
        contentType: 'application/pdf',
        finalUrl: `${origin.url}/doc.pdf`,
        filename: 'doc.pdf',
      });
      const request = origin.requests[origin.requests.length - 1];
      expect(request.method).toBe('GET');
      expect(request.headers['user-agent']).toBe(FETCH_USER_AGENT);
    });

    it('takes the file name from Content-Disposition', async () => {
      const fetched = await fetchResource(`${origin.url}/download`, limits);
      expect(fetched.filename).toBe('rates.csv');
      expect(fetched.body.toString()).toBe('a,b\n1,2\n');
    });

    it('accepts an allowed host given without a port', async () => {
      const fetched = await fetchResource(`${origin.url}/doc.pdf`, { ...limits, allowedHosts: ['127.0.0.1'] });
      expect(fetched.body.toString()).toBe('%PDF-body');
    });

    it('follows a redirect chain across hosts, relative and absolute', async () => {
      const fetched = await fetchResource(`${origin.url}/r1`, limits);
      expect(fetched.finalUrl).toBe(`${other.url}/final.txt`);
      expect(fetched.body.toString()).toBe('arrived');
      expect(fetched.filename).toBe('final.txt');
    });

    it('allows exactly maxRedirects hops and refuses one more', async () => {
      await expect(fetchResource(`${origin.url}/r1`, { ...limits, maxRedirects: 3 })).resolves.toBeDefined();
      const tooMany = await failure(fetchResource(`${origin.url}/r1`, { ...limits, maxRedirects: 2 }));
      expect(tooMany).toBeInstanceOf(FetchRefusedError);
      expect(tooMany.code).toBe('too_many_redirects');
      expect((await failure(fetchResource(`${origin.url}/loop`, limits))).code).toBe('too_many_redirects');
      expect((await failure(fetchResource(`${origin.url}/r1`, { ...limits, maxRedirects: 0 }))).code).toBe(
        'too_many_redirects',
      );
    });

    it('fails on a redirect without a Location', async () => {
      const error = await failure(fetchResource(`${origin.url}/no-location`, limits));
      expect(error).toMatchObject({ code: 'invalid_redirect', status: 302 });
    });

    it('accepts a body of exactly maxBytes', async () => {
      expect((await fetchResource(`${origin.url}/exact`, { ...limits, maxBytes: 100 })).body.length).toBe(100);
      expect((await failure(fetchResource(`${origin.url}/exact`, { ...limits, maxBytes: 99 }))).code).toBe('too_large');
    });

    it('refuses at once a Content-Length above maxBytes', async () => {
      const started = Date.now();
      const error = await failure(fetchResource(`${origin.url}/big-declared`, limits));
      expect(error).toBeInstanceOf(FetchFailedError);
      expect(error.code).toBe('too_large');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('aborts a streamed body as soon as it passes maxBytes', async () => {
      const error = await failure(fetchResource(`${origin.url}/big-streamed`, limits));
      expect(error.code).toBe('too_large');
      await origin.closed[origin.closed.length - 1];
    });

    it.each(['/hang', '/slow-body'])('gives up on %s after timeoutMs', async (path) => {
      const started = Date.now();
      const error = await failure(fetchResource(`${origin.url}${path}`, { ...limits, timeoutMs: 300 }));
      expect(error).toBeInstanceOf(FetchFailedError);
      expect(error.code).toBe('timeout');
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it.each([
      ['/missing', 404],
      ['/server-error', 503],
    ])('fails with http_status for %s', async (path, status) => {
      const error = await failure(fetchResource(`${origin.url}${path}`, limits));
      expect(error).toBeInstanceOf(FetchFailedError);
      expect(error).toMatchObject({ code: 'http_status', status });
    });

    it('fails with network for a body cut short and a refused connection', async () => {
      expect((await failure(fetchResource(`${origin.url}/cut`, limits))).code).toBe('network');
      const gone = await serve({});
      await gone.stop();
      const error = await failure(fetchResource(`${gone.url}/x`, { ...limits, allowedHosts: [gone.host] }));
      expect(error).toBeInstanceOf(FetchFailedError);
      expect(error.code).toBe('network');
    });
  });

  describe('refusals', () => {
    it.each([
      ['loopback, not allowed', () => `http://127.0.0.1:${origin.port}/doc.pdf`, 'private_address'],
      ['localhost (resolved, then refused)', () => `http://localhost:${origin.port}/doc.pdf`, 'private_address'],
      ['a private 10.x address', () => 'http://10.0.0.1/doc.pdf', 'private_address'],
      ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/', 'private_address'],
      ['IPv6 loopback', () => `http://[::1]:${origin.port}/doc.pdf`, 'private_address'],
      ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${origin.port}/doc.pdf`, 'private_address'],
      ['a decimal loopback', () => `http://2130706433:${origin.port}/doc.pdf`, 'private_address'],
      ['0.0.0.0', () => `http://0.0.0.0:${origin.port}/doc.pdf`, 'private_address'],
      ['ftp', () => 'ftp://files.example/doc.pdf', 'unsupported_scheme'],
      ['file', () => 'file:///etc/passwd', 'unsupported_scheme'],
      ['credentials', () => 'http://user:pw@files.example/doc.pdf', 'credentials_in_url'],
      ['a user name alone', () => 'https://user@files.example/doc.pdf', 'credentials_in_url'],
      ['not a url', () => 'files.example/doc.pdf', 'invalid_url'],
    ])('refuses %s without connecting', async (_, urlOf, code) => {
      const before = origin.requests.length;
      const error = await failure(fetchResource(urlOf(), { ...limits, allowedHosts: [other.host] }));
      expect(error).toBeInstanceOf(FetchRefusedError);
      expect(error.code).toBe(code);
      expect(origin.requests.length).toBe(before);
    });

    it('refuses a redirect from an allowed host to a private one', async () => {
      const redirecting = await serve({ '/go': redirect(`http://localhost:${origin.port}/secret`) });
      try {
        const before = origin.requests.length;
        const error = await failure(
          fetchResource(`${redirecting.url}/go`, { ...limits, allowedHosts: [redirecting.host] }),
        );
        expect(error).toBeInstanceOf(FetchRefusedError);
        expect(error.code).toBe('private_address');
        expect(origin.requests.length).toBe(before);
        const toMetadata = await failure(fetchResource(`${origin.url}/to-metadata`, limits));
        expect(toMetadata).toBeInstanceOf(FetchRefusedError);
        expect(toMetadata.code).toBe('private_address');
      } finally {
        await redirecting.stop();
      }
    });

    it('refuses a redirect to another scheme', async () => {
      const error = await failure(fetchResource(`${origin.url}/to-ftp`, limits));
      expect(error).toBeInstanceOf(FetchRefusedError);
      expect(error.code).toBe('unsupported_scheme');
    });
  });
});
