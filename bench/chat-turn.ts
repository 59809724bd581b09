import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppProcess, appPool, freePort, startApp } from '@rag/testing';
import { Figure, figure, percentile } from './report';

const SYSTEM_KEY = 'bench-chat-system-admin-key-0123456789abcdef';
const TURNS = Number(process.env.BENCH_CHAT_TURNS ?? 100);
const CORPUS_DIR = join(__dirname, '..', 'apps', 'ingestion', 'test', 'corpus');
const CORPUS = ['refund-policy.md', 'office-handbook.html', 'security-faq.txt', 'shipping-rates.csv'];
const QUESTIONS = [
  'What is the refund window for damaged parcels?',
  'How long do card refunds take to appear?',
  'What is the name of the office wifi network?',
  'How many people does the Tagus meeting room seat?',
];
const NO_RATE_LIMIT = { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '10000000' };

interface Turn {
  id: string;
  runId: string;
  reply: { id: string } | null;
}

/** One turn's time per hop, in milliseconds, from the client's clock and the stores' timestamps (one machine). */
interface Hops {
  total: number;
  [hop: string]: number;
}

async function call<T>(url: string, key: string, method: string, body?: unknown, contentType = true): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(contentType && body ? { 'content-type': 'application/json' } : {}) },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A chat turn through the gateway with the local extractive answerer: `POST .../messages?wait=30`
 * one turn at a time, client latency p50/p99, and where the time goes: the gateway and chat storing
 * the message, the Kafka hop to agents (outbox relay, broker, consumer), the run's queue wait, each
 * step of the run (context, retrieval, prompt, quota, model, reply), and the reply reaching the client.
 */
export async function benchChatTurn(): Promise<Figure[]> {
  const apps: AppProcess[] = [];
  try {
    const gatewayPort = await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const identity = await startApp('identity', { SYSTEM_ADMIN_KEY: SYSTEM_KEY });
    apps.push(identity);
    const ingestion = await startApp('ingestion', {
      IDENTITY_URL: identity.url,
      BLOB_PUBLIC_URL: `${gatewayUrl}/v1/blobs`,
    });
    const chat = await startApp('chat');
    apps.push(ingestion, chat);
    const agents = await startApp('agents', {
      CHAT_URL: chat.url,
      INGESTION_URL: ingestion.url,
      IDENTITY_URL: identity.url,
    });
    apps.push(agents);
    const gateway = await startApp(
      'gateway',
      {
        IDENTITY_URL: identity.url,
        AUDIT_URL: 'http://127.0.0.1:9',
        INGESTION_URL: ingestion.url,
        CHAT_URL: chat.url,
        AGENTS_URL: agents.url,
        BLOB_PUBLIC_URL: `${gatewayUrl}/v1/blobs`,
        ...NO_RATE_LIMIT,
      },
      { port: gatewayPort },
    );
    apps.push(gateway);

    const created = await call<{ tenant: { id: string }; apiKey: { key: string } }>(
      `${gateway.url}/v1/tenants`,
      SYSTEM_KEY,
      'POST',
      { name: `bench-chat-${Date.now()}` },
    );
    const key = created.apiKey.key;
    const source = await call<{ id: string }>(`${gateway.url}/v1/data-sources`, key, 'POST', {
      name: 'bench corpus',
      type: 'text',
    });
    const objectIds: string[] = [];
    for (const file of CORPUS) {
      const form = new FormData();
      form.append('dataSourceId', source.id);
      form.append('file', new Blob([await readFile(join(CORPUS_DIR, file))]), file);
      objectIds.push((await call<{ id: string }>(`${gateway.url}/v1/objects`, key, 'POST', form, false)).id);
    }
    for (const id of objectIds) {
      for (;;) {
        const object = await call<{ status: string }>(`${gateway.url}/v1/objects/${id}`, key, 'GET');
        if (object.status === 'indexed') break;
        if (object.status === 'failed') throw new Error(`object ${id} failed`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const session = await call<{ id: string }>(`${gateway.url}/v1/chat/sessions`, key, 'POST', {});
    const url = `${gateway.url}/v1/chat/sessions/${session.id}/messages?wait=30`;
    for (const content of QUESTIONS) await call<Turn>(url, key, 'POST', { content }); // warm-up

    const turns: { sentAt: number; receivedAt: number; turn: Turn }[] = [];
    for (let n = 0; n < TURNS; n++) {
      const sentAt = Date.now();
      const turn = await call<Turn>(url, key, 'POST', { content: QUESTIONS[n % QUESTIONS.length] });
      if (!turn.reply) throw new Error(`turn ${n} got no reply: ${JSON.stringify(turn)}`);
      turns.push({ sentAt, receivedAt: Date.now(), turn });
    }
    const hops = await hopsOf(turns);
    const figures = [
      figure(
        'chat turn via gateway, p50',
        percentile(
          hops.map((h) => h.total),
          50,
        ),
        'ms',
      ),
      figure(
        'chat turn via gateway, p99',
        percentile(
          hops.map((h) => h.total),
          99,
        ),
        'ms',
      ),
    ];
    console.log(`  ${TURNS} turns, one at a time (local extractive answerer); per hop, ms:`);
    for (const hop of Object.keys(hops[0]).filter((name) => name !== 'total')) {
      const values = hops.map((h) => h[hop]);
      console.log(
        `    ${hop.padEnd(34)} p50 ${percentile(values, 50).toFixed(1).padStart(7)}   p99 ${percentile(values, 99).toFixed(1).padStart(7)}`,
      );
      figures.push(figure(`chat turn hop ${hop}, p50`, percentile(values, 50), 'ms'));
    }
    return figures;
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
  }
}

async function hopsOf(turns: { sentAt: number; receivedAt: number; turn: Turn }[]): Promise<Hops[]> {
  const { rows: messages } = await appPool('chat').query<{ id: string; at: number }>(
    `SELECT id, extract(epoch FROM created_at) * 1000 AS at FROM chat_messages WHERE id = ANY($1::uuid[])`,
    [turns.flatMap(({ turn }) => [turn.id, turn.reply!.id])],
  );
  const { rows: runs } = await appPool('agents').query<{
    id: string;
    created: number;
    started: number;
    completed: number;
    steps: { name: string; durationMs: number }[];
  }>(
    `SELECT id, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM started_at) * 1000 AS started,
            extract(epoch FROM completed_at) * 1000 AS completed, metadata->'steps' AS steps
       FROM agent_runs WHERE id = ANY($1::uuid[])`,
    [turns.map(({ turn }) => turn.runId)],
  );
  const at = new Map(messages.map((row) => [row.id, Number(row.at)]));
  const runOf = new Map(runs.map((row) => [row.id, row]));
  return turns.map(({ sentAt, receivedAt, turn }) => {
    const run = runOf.get(turn.runId)!;
    const stored = at.get(turn.id)!;
    const replied = at.get(turn.reply!.id)!;
    const steps = Object.fromEntries(run.steps.map((step) => [`run step ${step.name}`, step.durationMs]));
    return {
      total: receivedAt - sentAt,
      'client -> message stored (gateway, chat)': stored - sentAt,
      'message -> run queued (outbox, Kafka)': Number(run.created) - stored,
      'run queued -> started': Number(run.started) - Number(run.created),
      ...steps,
      'reply stored -> run completed': Number(run.completed) - replied,
      'reply stored -> client (notify, HTTP)': receivedAt - replied,
    };
  });
}
