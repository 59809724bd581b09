import { DELETION_STATUSES, DeletionRequestView, DeletionStatus } from '@rag/api';
import { ALL_TENANTS } from '@rag/database';
import { NotFoundError } from '@rag/http';
import { EntityManager } from 'typeorm';
import { deletionRequests, view } from '../../apps/compliance/src/deletion/deletion-requests.service';
import { findApp, withAppDatabase } from './app-databases';
import { integerFlag, oneOfFlag, UsageError, uuidArgument } from './args';
import { renderTable } from './format';
import { OpsCommand, Report } from './ops-command';
import { OpsEnv } from './ops.env';

interface DeletionsOptions {
  id?: string;
  status?: DeletionStatus;
  limit: number;
}

/**
 * An operator watches every tenant's erasures: cross-tenant by design, so the read says so with
 * the explicit ALL_TENANTS scope (what a system key gets) through the compliance app's own
 * tenant-scoped repositories and view, never with an unscoped query.
 */
const OPERATOR_SCOPE = ALL_TENANTS;

type RequestReport = DeletionRequestView & { overdue: boolean; waitingFor: string[] };

function withProgress(request: DeletionRequestView, now: Date): RequestReport {
  const overdue = request.status !== 'completed' && Date.parse(request.deadlineAt) < now.getTime();
  const waitingFor = request.apps.filter((app) => app.status === 'pending').map((app) => app.app);
  return { ...request, overdue, waitingFor };
}

function problemOf(request: RequestReport): string | undefined {
  if (request.status !== 'stalled' && !request.overdue) return undefined;
  const state = request.status === 'stalled' ? `stalled (attempt ${request.attempts})` : 'past its deadline';
  return `deletion request ${request.id} (tenant ${request.tenantId}) is ${state}, waiting for ${request.waitingFor.join(', ') || 'no app'}`;
}

/** Open requests stalled or past their deadline, whatever the listing shows. */
async function stuckRequests(manager: EntityManager, now: Date): Promise<RequestReport[]> {
  const stuck = await deletionRequests
    .query(manager, OPERATOR_SCOPE, 'r')
    .andWhere("r.status <> 'completed'")
    .andWhere("(r.status = 'stalled' OR r.deadlineAt < (now() AT TIME ZONE 'utc'))")
    .orderBy('r.deadlineAt', 'ASC')
    .getMany();
  return Promise.all(stuck.map(async (request) => withProgress(await view(manager, OPERATOR_SCOPE, request.id), now)));
}

async function latest(manager: EntityManager, options: DeletionsOptions, now: Date): Promise<RequestReport[]> {
  const query = deletionRequests
    .query(manager, OPERATOR_SCOPE, 'r')
    .orderBy('r.requestedAt', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .limit(options.limit);
  if (options.status) query.andWhere('r.status = :status', { status: options.status });
  const found = await query.getMany();
  return Promise.all(found.map(async (request) => withProgress(await view(manager, OPERATOR_SCOPE, request.id), now)));
}

function detailText(request: RequestReport): string {
  const fields = renderTable(
    ['ID', 'TENANT', 'SCOPE', 'USER', 'STATUS', 'ATTEMPTS', 'REQUESTED', 'DEADLINE', 'OVERDUE', 'COMPLETED'],
    [
      [
        request.id,
        request.tenantId,
        request.scope,
        request.userId,
        request.status,
        request.attempts,
        request.requestedAt,
        request.deadlineAt,
        request.overdue ? 'yes' : 'no',
        request.completedAt,
      ],
    ],
  );
  const apps = renderTable(
    ['APP', 'STATUS', 'COMPLETED', 'ERASED'],
    request.apps.map((app) => [
      app.app,
      app.status,
      app.completedAt,
      Object.entries(app.counts)
        .map(([kind, count]) => `${kind}=${count}`)
        .join(' ') || null,
    ]),
  );
  return `${fields}\n\n${apps}`;
}

function listText(requests: RequestReport[]): string {
  return renderTable(
    ['ID', 'TENANT', 'SCOPE', 'STATUS', 'ATTEMPTS', 'REQUESTED', 'DEADLINE', 'ANSWERED', 'WAITING FOR'],
    requests.map((r) => [
      r.id,
      r.tenantId,
      r.scope,
      r.overdue && r.status === 'pending' ? 'pending (overdue)' : r.status,
      r.attempts,
      r.requestedAt,
      r.deadlineAt,
      `${r.apps.length - r.waitingFor.length}/${r.apps.length}`,
      r.waitingFor.join(', ') || null,
    ]),
  );
}

async function run(options: DeletionsOptions, env: OpsEnv): Promise<Report> {
  const now = new Date();
  return withAppDatabase(env, findApp('compliance'), async ({ manager }) => {
    if (options.id) {
      const found = await view(manager, OPERATOR_SCOPE, options.id).catch((error: unknown) => {
        throw error instanceof NotFoundError ? new Error(`deletion request ${options.id} does not exist`) : error;
      });
      const request = withProgress(found, now);
      const problem = problemOf(request);
      return { json: { request }, text: detailText(request), problems: problem ? [problem] : [] };
    }
    const [requests, stuck] = await Promise.all([latest(manager, options, now), stuckRequests(manager, now)]);
    return {
      json: { requests },
      text: requests.length ? listText(requests) : 'No deletion request.',
      problems: stuck.map(problemOf).filter((problem): problem is string => problem !== undefined),
    };
  });
}

export const deletionsCommand: OpsCommand<DeletionsOptions> = {
  options: { status: { type: 'string' }, limit: { type: 'string' } },
  maxPositionals: 1,
  parse: (values, positionals) => {
    const id = positionals[0] === undefined ? undefined : uuidArgument('the deletion request id', positionals[0]);
    if (id && (values.status !== undefined || values.limit !== undefined)) {
      throw new UsageError('a request id takes neither --status nor --limit');
    }
    return {
      id,
      status: oneOfFlag('--status', values.status, DELETION_STATUSES),
      limit: integerFlag('--limit', values.limit, { fallback: 20, min: 1, max: 200 }),
    };
  },
  run,
};
