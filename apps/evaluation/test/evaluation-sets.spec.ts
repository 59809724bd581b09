import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { appPool, closePools, expectEventually } from '@rag/testing';
import { ErrorBody, SYSTEM_KEY } from '../../gateway/test/support/stack';
import { createTenant, TestTenant } from '../../gateway/test/support/tenants';
import {
  ChatTurnStack,
  delayed,
  ingestCorpus,
  openAiAnswer,
  startChatTurnStack,
  useFakeProviders,
} from '../../agents/test/support/chat-turn-stack';
import { FakeLlmServer } from '../../../libs/llm/src/fake-llm-server';
import { runChromium } from '../src/reports/headless-chromium.testing';

interface Question {
  question: string;
  file: string | null;
  expectedAnswer?: string;
}
interface Metrics {
  faithfulness: number | null;
  relevance: number | null;
  coverage: number | null;
  hallucination: number | null;
  contextPrecision: number | null;
  contextRecall: number | null;
  latencyMs: number | null;
  costUsd: number | null;
  judge: string;
}
interface EvaluationSet {
  id: string;
  status: string;
  judge: string;
  total: number;
  scored: number;
  failed: number;
  summary: Omit<Metrics, 'judge'> | null;
  items: {
    position: number;
    question: string;
    status: string;
    answer: string | null;
    metrics: Metrics | null;
    error: string | null;
  }[];
  report: { htmlUrl: string; jsonUrl: string } | null;
}

const CORPUS = [
  'refund-policy.md',
  'office-handbook.html',
  'security-faq.txt',
  'shipping-rates.csv',
  'product-catalog.json',
  'warranty-terms.pdf',
];
const SCORES = ['faithfulness', 'relevance', 'coverage', 'hallucination'] as const;

describe('evaluation: sets run through the RAG path, live scores, reports (through the gateway)', () => {
  let stack: ChatTurnStack;
  let tenant: TestTenant;
  let objects: Map<string, string>;
  let llm: FakeLlmServer;

  beforeAll(async () => {
    llm = await new FakeLlmServer().start();
    stack = await startChatTurnStack(
      { FAKE_LLM_KEY: 'sk-test-key' },
      { evaluation: true, evaluationEnv: { EVALUATION_SET_CONCURRENCY: '1' } },
    );
    tenant = await createTenant(stack.call, 'evaluation');
    objects = await ingestCorpus(stack, tenant, CORPUS);
  });

  afterAll(async () => {
    await stack?.stop();
    await llm?.stop();
    await closePools();
  });

  const key = () => tenant.adminKey.key;
  const readSet = (id: string, owner = tenant) =>
    stack.call<EvaluationSet>('GET', `/v1/evaluations/${id}`, { key: owner.adminKey.key });

  it('runs a set of 21 questions end to end, scores each answer and writes a report that renders', async () => {
    const questions = JSON.parse(await readFile(join(__dirname, 'evaluation-questions.json'), 'utf8')) as Question[];
    const started = await stack.call<EvaluationSet>('POST', '/v1/evaluations', {
      key: key(),
      body: {
        name: 'Corpus <b>regression</b>',
        questions: questions.map(({ question, file, expectedAnswer }) => ({
          question,
          ...(expectedAnswer ? { expectedAnswer } : {}),
          ...(file ? { expectedSources: [objects.get(file)] } : {}),
        })),
      },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: questions.length, judge: 'local' });

    const done = await expectEventually(async () => {
      const current = await readSet(started.body.id);
      expect(current.body.status).toBe('completed');
      return current.body;
    }, 180_000);
    expect({ scored: done.scored, failed: done.failed }).toEqual({ scored: questions.length, failed: 0 });
    expect(done.judge).toBe('local-lexical-embedding-v1');
    for (const item of done.items) {
      for (const score of SCORES) {
        expect(item.metrics![score]).toBeGreaterThanOrEqual(0);
        expect(item.metrics![score]).toBeLessThanOrEqual(1);
      }
      const withSources = questions[item.position].file !== null;
      expect(item.metrics!.contextRecall === null).toBe(!withSources);
      expect(item.metrics!.latencyMs).toBeGreaterThan(0);
    }
    // Answers drawn from the corpus are faithful; the question about nothing is refused, not invented.
    expect(done.summary!.faithfulness).toBeGreaterThan(0.8);
    expect(done.summary!.hallucination).toBeLessThan(0.2);
    expect(done.summary!.contextRecall).toBeGreaterThan(0.7);
    const nothing = done.items.at(-1)!;
    expect(nothing.answer).toBe('I could not find this in the provided sources.');
    expect(nothing.metrics).toMatchObject({ faithfulness: 1, hallucination: 0, relevance: 0 });

    // The report: HTML with its charts, and the JSON twin, served from the blob store.
    const html = await fetch(done.report!.htmlUrl);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('Corpus &lt;b&gt;regression&lt;/b&gt;');
    expect(page.match(/<tr/g)!.length).toBeGreaterThan(questions.length);
    const json = (await (await fetch(done.report!.jsonUrl)).json()) as { rows: unknown[]; evaluationId: string };
    expect(json).toMatchObject({ evaluationId: done.id });
    expect(json.rows).toHaveLength(questions.length);

    // Opened from its URL in headless Chromium, it draws its charts: the screenshot is not blank.
    const workDir = await mkdtemp(join(tmpdir(), 'served-report-'));
    const screenshot = join(workDir, 'report.png');
    await runChromium(workDir, done.report!.htmlUrl, [`--screenshot=${screenshot}`]);
    const png = PNG.sync.read(await readFile(screenshot));
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
    }
    expect(coloured / (png.width * png.height)).toBeGreaterThan(0.005);
    const { stdout: dom } = await runChromium(workDir, done.report!.htmlUrl, ['--dump-dom']);
    expect((dom.match(/data-chart="/g) ?? []).length).toBeGreaterThanOrEqual(5);

    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string; count: string }>(
        `SELECT action, count(*) FROM audit_logs WHERE tenant_id = $1 AND action LIKE ANY (ARRAY['evaluation_set.%', 'rag_%'])
          GROUP BY action ORDER BY action`,
        [tenant.tenant.id],
      );
      expect(Object.fromEntries(rows.map((row) => [row.action, Number(row.count)]))).toEqual({
        'evaluation_set.completed': 1,
        'evaluation_set.created': 1,
        'rag_evaluation.scored': questions.length,
        'rag_report.created': 1,
      });
    });
  });

  it("scores a tenant's live answers at its sampling rate, and reports on a session on demand", async () => {
    const live = await createTenant(stack.call, 'evaluation-live');
    await ingestCorpus(stack, live, ['refund-policy.md']);
    const patched = await stack.call('PATCH', `/v1/tenants/${live.tenant.id}`, {
      key: SYSTEM_KEY,
      body: { metadata: { evaluationSampleRate: 1 } },
    });
    expect(patched.status).toBe(200);
    const session = await stack.call<{ id: string }>('POST', '/v1/chat/sessions', { key: live.adminKey.key, body: {} });
    const turn = await stack.call<{ runId: string; reply: { content: string } | null }>(
      'POST',
      `/v1/chat/sessions/${session.body.id}/messages?wait=30`,
      { key: live.adminKey.key, body: { content: 'What is the refund window for damaged parcels?' } },
    );
    expect(turn.body.reply?.content).toContain('30 days');

    const scored = await expectEventually(async () => {
      const page = await stack.call<{ items: { agentRunId: string; query: string; metrics: Metrics }[] }>(
        'GET',
        `/v1/evaluations?sessionId=${session.body.id}`,
        { key: live.adminKey.key },
      );
      expect(page.body.items).toHaveLength(1);
      return page.body.items[0];
    });
    expect(scored).toMatchObject({
      agentRunId: turn.body.runId,
      query: 'What is the refund window for damaged parcels?',
    });
    expect(scored.metrics.faithfulness).toBeGreaterThan(0.5);

    const report = await stack.call<{ htmlUrl: string }>('POST', '/v1/evaluations/session-reports', {
      key: live.adminKey.key,
      body: { sessionId: session.body.id },
    });
    expect(report.status).toBe(201);
    const html = await fetch(report.body.htmlUrl);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('What is the refund window for damaged parcels?');

    // A tenant sampling nothing (the default) gets no live scores.
    const quiet = await stack.call<{ id: string }>('POST', '/v1/chat/sessions', { key: key(), body: {} });
    await stack.call('POST', `/v1/chat/sessions/${quiet.body.id}/messages?wait=30`, {
      key: key(),
      body: { content: 'How often do passwords rotate?' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const none = await stack.call<{ items: unknown[] }>('GET', `/v1/evaluations?sessionId=${quiet.body.id}`, {
      key: key(),
    });
    expect(none.body.items).toEqual([]);
  });

  it('resumes a set after the evaluation app is killed, asking each question once', async () => {
    const slow = await createTenant(stack.call, 'evaluation-restart');
    await ingestCorpus(stack, slow, ['security-faq.txt']);
    await useFakeProviders(stack.call, slow, llm.url, llm.url);
    const questions = Array.from({ length: 6 }, (_, n) => ({ question: `How often do passwords rotate? (${n})` }));
    llm.reply(...questions.map(() => delayed(400, openAiAnswer('Passwords rotate every 90 days [1].'))));
    const started = await stack.call<EvaluationSet>('POST', '/v1/evaluations', {
      key: slow.adminKey.key,
      body: { questions },
    });
    expect(started.status).toBe(202);
    await expectEventually(
      async () => {
        const current = await readSet(started.body.id, slow);
        expect(current.body.scored).toBeGreaterThanOrEqual(1);
      },
      30_000,
      50,
    );
    await stack.evaluation!.kill();
    await stack.evaluation!.restart();

    const done = await expectEventually(async () => {
      const current = await readSet(started.body.id, slow);
      expect(current.body.status).toBe('completed');
      return current.body;
    }, 60_000);
    expect({ scored: done.scored, failed: done.failed }).toEqual({ scored: 6, failed: 0 });
    expect(done.report).not.toBeNull();
    const { rows: sessions } = await appPool('evaluation').query<{ session_id: string }>(
      `SELECT session_id FROM evaluation_set_items WHERE evaluation_set_id = $1`,
      [done.id],
    );
    const { rows: asked } = await appPool('chat').query<{ count: string }>(
      `SELECT count(*) FROM chat_messages WHERE role = 'user' AND session_id = ANY($1::uuid[])`,
      [sessions.map((row) => row.session_id)],
    );
    expect(Number(asked[0].count)).toBe(6);
    const { rows: scored } = await appPool('evaluation').query<{ count: string }>(
      `SELECT count(*) FROM rag_evaluations WHERE evaluation_set_id = $1`,
      [done.id],
    );
    expect(Number(scored[0].count)).toBe(6);
  });

  it('refuses bad input with 4xx and keeps every tenant to its own evaluations', async () => {
    const question = { question: 'How often do passwords rotate?' };
    for (const body of [
      { questions: [] },
      { questions: Array.from({ length: 101 }, () => question) },
      { questions: [{ question: '   ' }] },
      { questions: [question], judge: 'oracle' },
      { questions: [{ ...question, expectedSources: ['not-a-uuid'] }] },
      {},
    ]) {
      const answer = await stack.call('POST', '/v1/evaluations', { key: key(), body });
      expect({ body: JSON.stringify(body).slice(0, 80), status: answer.status }).toEqual({
        body: JSON.stringify(body).slice(0, 80),
        status: 400,
      });
    }
    const unknownSession = '5b0c9d2f-7e51-4a83-8e6a-4b0c9d2f7e51';
    for (const [method, path, body] of [
      ['GET', `/v1/evaluations?sessionId=${unknownSession}`, undefined],
      ['POST', '/v1/evaluations/session-reports', { sessionId: unknownSession }],
      ['GET', `/v1/evaluations/${unknownSession}`, undefined],
    ] as const) {
      const answer = await stack.call<ErrorBody>(method, path, { key: key(), body });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }

    const started = await stack.call<EvaluationSet>('POST', '/v1/evaluations', {
      key: key(),
      body: { questions: [question] },
    });
    const intruder = await createTenant(stack.call, 'evaluation-intruder');
    expect((await readSet(started.body.id, intruder)).status).toBe(404);
    const session = await stack.call<{ id: string }>('POST', '/v1/chat/sessions', { key: key(), body: {} });
    for (const [method, path, body] of [
      ['GET', `/v1/evaluations?sessionId=${session.body.id}`, undefined],
      ['POST', '/v1/evaluations/session-reports', { sessionId: session.body.id }],
    ] as const) {
      const answer = await stack.call(method, path, { key: intruder.adminKey.key, body });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    const { rows } = await appPool('evaluation').query(`SELECT 1 FROM rag_reports WHERE tenant_id = $1`, [
      intruder.tenant.id,
    ]);
    expect(rows).toEqual([]);
  });
});
