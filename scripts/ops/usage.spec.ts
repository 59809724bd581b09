import { runOps } from './testing/run-ops';

describe('npm run ops: bad arguments', () => {
  it.concurrent.each([
    [[], 'no command given'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['lag', '--frob'], "Unknown option '--frob'"],
    [['dlq', 'list', '--limit', '0'], '--limit must be an integer from 1 to 100000, got "0"'],
    [['dlq', 'replay'], 'give either --offset PARTITION:OFFSET (one or more) or --all'],
    [['dlq', 'replay', '--offset', '0-1'], '--offset must look like 0:42, got "0-1"'],
    [['deletions', 'not-a-uuid'], 'the deletion request id must be a UUID'],
  ])('%j: exit 2, the reason and the usage on stderr, nothing on stdout', async (args, reason) => {
    const run = await runOps(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain('Usage: npm run ops --');
    expect(run.stdout).toBe('');
  });

  it('refuses an invalid environment with exit 2 and every problem', async () => {
    const run = await runOps(['lag'], { DB_NAME_PREFIX: 'Bad-Prefix', DATABASE_URL: 'mysql://db/' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DB_NAME_PREFIX must be lower-case letters, digits or _');
    expect(run.stderr).toContain('DATABASE_URL must be a postgres:// URL');
  });

  it('prints the usage on stdout when asked, with exit 0', async () => {
    const run = await runOps(['help']);
    expect(run.code).toBe(0);
    for (const command of ['lag', 'outbox', 'dlq list', 'dlq replay', 'partitions', 'deletions']) {
      expect(run.stdout).toContain(`  ${command}`);
    }
  });
});
