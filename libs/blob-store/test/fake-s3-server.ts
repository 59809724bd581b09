import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3 {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Sizes of the DeleteObjects batches received. */
  deleteBatches: number[];
  /** Keys per ListObjectsV2 page (S3's own is 1000). */
  pageSize: number;
  close(): Promise<void>;
}

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The SDK may stream a body as `aws-chunked` (`<hex size>[;ext]\r\n<data>\r\n`…, then trailers). */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset);
    const size = parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
    if (!size) return Buffer.concat(parts);
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

function xml(response: ServerResponse, status: number, body: string): void {
  response
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
}

/** Enough of S3 (path style, one bucket) for S3BlobStore: put, get, head, batch delete, paged list. */
export async function startFakeS3(bucket: string, pageSize = 3): Promise<FakeS3> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const deleteBatches: number[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucketName !== bucket) return xml(response, 404, '<Error><Code>NoSuchBucket</Code></Error>');
    const body = await readBody(request);
    if (request.method === 'PUT' && key) {
      const chunked = String(request.headers['content-encoding'] ?? '').includes('aws-chunked');
      const contentType = String(request.headers['content-type'] ?? 'binary/octet-stream');
      objects.set(key, { body: chunked ? decodeAwsChunked(body) : body, contentType });
      response.writeHead(200, { etag: '"fake"' }).end();
    } else if ((request.method === 'GET' || request.method === 'HEAD') && key) {
      const object = objects.get(key);
      if (!object) {
        if (request.method === 'HEAD') return void response.writeHead(404).end();
        return xml(response, 404, `<Error><Code>NoSuchKey</Code><Key>${escapeXml(key)}</Key></Error>`);
      }
      response.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length });
      response.end(request.method === 'GET' ? object.body : undefined);
    } else if (request.method === 'POST' && url.searchParams.has('delete')) {
      const keys = [...body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]);
      deleteBatches.push(keys.length);
      for (const deleted of keys) objects.delete(deleted);
      xml(response, 200, '<DeleteResult></DeleteResult>');
    } else if (request.method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const after = url.searchParams.get('continuation-token') ?? '';
      const matching = [...objects.keys()].filter((name) => name.startsWith(prefix) && name > after).sort();
      const page = matching.slice(0, fake.pageSize);
      const truncated = matching.length > page.length;
      const contents = page.map(
        (name) => `<Contents><Key>${escapeXml(name)}</Key><Size>${objects.get(name)?.body.length}</Size></Contents>`,
      );
      xml(
        response,
        200,
        `<ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
          `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextContinuationToken>${escapeXml(page[page.length - 1])}</NextContinuationToken>` : ''}` +
          `${contents.join('')}</ListBucketResult>`,
      );
    } else {
      xml(response, 400, '<Error><Code>NotImplemented</Code></Error>');
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => response.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeS3 = {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    deleteBatches,
    pageSize,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
