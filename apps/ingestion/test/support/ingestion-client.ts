import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectEventually } from '@rag/testing';
import { Call } from '../../../gateway/test/support/stack';
import { CORPUS_DIR } from './ingestion-stack';

export interface ObjectBody {
  id: string;
  tenantId: string;
  dataSourceId: string;
  url: string;
  contentType: string;
  sizeBytes: number;
  checksum: string;
  status: string;
  chunkCount: number | null;
  note: string | null;
  error: { step: string; reason: string } | null;
  attempts: number;
  duplicate: boolean;
  tags: string[];
}

export interface SearchHit {
  chunkId: string;
  objectId: string;
  dataSourceId: string;
  chunkIndex: number;
  score: number;
  text: string;
  url: string;
  objectUrl: string;
  tags: string[];
}

export async function createDataSource(call: Call, key: string, type = 'text', extra: object = {}): Promise<string> {
  const answer = await call<{ id: string }>('POST', '/v1/data-sources', {
    key,
    body: { name: `source-${randomUUID()}`, type, ...extra },
  });
  if (answer.status !== 201) throw new Error(`POST /v1/data-sources: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

export interface UploadAnswer<T = ObjectBody> {
  status: number;
  body: T;
}

/** A multipart upload through the gateway, as a browser or curl -F would send it. */
export async function upload(
  gatewayUrl: string,
  key: string,
  fields: Record<string, string>,
  file: { body: Buffer; filename: string; type?: string },
): Promise<UploadAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.body], { type: file.type ?? 'application/octet-stream' }), file.filename);
  const response = await fetch(`${gatewayUrl}/v1/objects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as ObjectBody };
}

export function corpusFile(name: string): Promise<Buffer> {
  return readFile(join(CORPUS_DIR, name));
}

export async function waitForStatus(
  call: Call,
  key: string,
  id: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<ObjectBody> {
  let last: ObjectBody | undefined;
  await expectEventually(async () => {
    const answer = await call<ObjectBody>('GET', `/v1/objects/${id}`, { key });
    last = answer.body;
    expect(statuses).toContain(answer.body.status);
  }, timeoutMs);
  return last!;
}

export async function search(call: Call, key: string, body: object) {
  return call<{ items: SearchHit[]; model: string }>('POST', '/v1/search', { key, body });
}
