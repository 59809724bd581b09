import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger, LoggerService } from '@nestjs/common';
import { ConfigError, loadConfig } from '@rag/config';
import { UsageError } from './args';
import { findCommand } from './commands';
import { errorText } from './format';
import { OpsEnv } from './ops.env';
import { Report } from './ops-command';
import { usage } from './usage';

/**
 * stdout carries only the report (JSON with --json); other logs go to stderr. kafkajs' own retry
 * logs are left out: a failure reaches the command, which reports it once.
 */
const stderrLogger: LoggerService = {
  log: () => undefined,
  warn: (message: unknown, ...context: unknown[]) => write('warn', message, context),
  error: (message: unknown, ...context: unknown[]) => write('error', message, context),
};

function write(level: string, message: unknown, context: unknown[]): void {
  if (context.at(-1) !== 'kafkajs') process.stderr.write(`${level}: ${String(message)}\n`);
}

function print(report: Report, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report.json, problems: report.problems }, null, 2)}\n`);
    return;
  }
  const verdict =
    report.problems.length === 0
      ? 'No problem found.'
      : `PROBLEMS (${report.problems.length}):\n${report.problems.map((problem) => `  - ${problem}`).join('\n')}`;
  process.stdout.write(`${report.text}\n\n${verdict}\n`);
}

/** A UsageError from a command shows that command's usage. */
async function ofCommand<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof UsageError && !error.command ? new UsageError(error.message, name) : error;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) throw new UsageError('no command given');
  if (['help', '--help', '-h'].includes(argv[0])) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"`);
  const { entry, rest } = found;
  const command = await entry.load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message, entry.name);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage(entry.name)}\n`);
    return 0;
  }
  if (parsed.positionals.length > command.maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[command.maxPositionals]}"`, entry.name);
  }
  const options = await ofCommand(entry.name, async () => command.parse(parsed.values, parsed.positionals));
  const env = loadConfig(OpsEnv);
  const report = await ofCommand(entry.name, () => command.run(options, env));
  print(report, parsed.values.json === true);
  return report.problems.length > 0 ? 1 : 0;
}

Logger.overrideLogger(stderrLogger);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${usage(error.command)}\n`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${errorText(error)}\n`);
    process.exit(1);
  },
);
