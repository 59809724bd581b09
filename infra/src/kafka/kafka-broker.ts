import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultKafkaDataDir } from '../paths';
import { readFrom, tailFile } from '../process/log-tail';
import { runCommand } from '../process/run-command';
import { commandLineOf, isProcessAlive, readPidFile, sleep, terminateProcess } from '../process/process-control';
import { isKafkaReachable } from './kafka-admin';
import { ensureKafkaJars } from './kafka-jars';
import { javaBaseArgs, javaBinary } from './java';
import { newClusterId, renderServerProperties } from './server-properties';

export { createTopics, isKafkaReachable } from './kafka-admin';

const startupTimeoutMs = 60_000;
const shutdownGraceMs = 20_000;
const readyLine = 'Kafka Server started';

export interface KafkaBroker {
  brokers: string[];
  /** False when an already-running broker was reused; stop() is then a no-op. */
  owned: boolean;
  pid?: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartKafkaBrokerOptions {
  port?: number;
  /** Defaults to port + 1. */
  controllerPort?: number;
  /** Defaults to <repo>/.data/kafka-<port>; data survives stop() and a later start. */
  dataDir?: string;
  heapMb?: number;
  /** Where the pinned jars are cached; defaults to infra/kafka/.cache. */
  jarsCacheDir?: string;
}

/** Starts (or reuses) a single-node KRaft broker on 127.0.0.1, detached from this process. */
export async function startKafkaBroker(options: StartKafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? port + 1;
  const dataDir = resolve(options.dataDir ?? defaultKafkaDataDir(port));
  const brokers = [`127.0.0.1:${port}`];
  const files = brokerFiles(dataDir);

  if (await isKafkaReachable(brokers, 1_500)) return reusedBroker(brokers, dataDir);
  const runningPid = await brokerPid(dataDir);
  if (runningPid) {
    // Another process started this broker and it is still booting.
    await waitUntilReachable(brokers, files.log, () => isProcessAlive(runningPid));
    return reusedBroker(brokers, dataDir);
  }

  const jars = await ensureKafkaJars(options.jarsCacheDir);
  await mkdir(dataDir, { recursive: true });
  await writeFile(files.properties, renderServerProperties({ port, controllerPort, dataDir }));
  if (!existsSync(join(dataDir, 'logs', 'meta.properties'))) await formatStorage(jars, files.properties);

  const logOffset = (await stat(files.log).catch(() => undefined))?.size ?? 0;
  const { pid, exitReason } = await spawnBroker(jars, files, options.heapMb ?? 512);
  await writeFile(files.pid, `${pid}\n`);
  try {
    await waitForStartup(exitReason, brokers, files.log, logOffset);
  } catch (error) {
    await terminateProcess(pid, 5_000).catch(() => undefined);
    await rm(files.pid, { force: true });
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopProcess(pid, files.pid));
  return { brokers, owned: true, pid, dataDir, stop };
}

/** Stops the broker recorded in <dataDir>/kafka.pid (e.g. from a CLI). Returns false if none was running. */
export async function stopKafkaBroker(dataDir: string): Promise<boolean> {
  const files = brokerFiles(resolve(dataDir));
  const pid = await brokerPid(dataDir);
  if (!pid) {
    await rm(files.pid, { force: true });
    return false;
  }
  await stopProcess(pid, files.pid);
  return true;
}

/** Pid of the live broker owning dataDir, checked against its command line to survive pid reuse. */
export async function brokerPid(dataDir: string): Promise<number | undefined> {
  const files = brokerFiles(resolve(dataDir));
  const pid = await readPidFile(files.pid);
  if (!pid || !(await isProcessAlive(pid))) return undefined;
  const commandLine = await commandLineOf(pid);
  if (commandLine !== undefined && !commandLine.includes(files.properties)) return undefined;
  return pid;
}

function brokerFiles(dataDir: string): { properties: string; log: string; pid: string } {
  return {
    properties: join(dataDir, 'server.properties'),
    log: join(dataDir, 'kafka.log'),
    pid: join(dataDir, 'kafka.pid'),
  };
}

function reusedBroker(brokers: string[], dataDir: string): KafkaBroker {
  return { brokers, owned: false, dataDir, stop: () => Promise.resolve() };
}

async function stopProcess(pid: number, pidFile: string): Promise<void> {
  // SIGTERM triggers a controlled shutdown, which flushes logs and can take several seconds.
  await terminateProcess(pid, shutdownGraceMs);
  await rm(pidFile, { force: true });
}

async function formatStorage(jars: string[], propertiesFile: string): Promise<void> {
  const args = [...javaBaseArgs(jars), 'kafka.tools.StorageTool', 'format'];
  args.push('--cluster-id', newClusterId(), '--config', propertiesFile);
  await runCommand(javaBinary(), args).catch((error: Error) => {
    throw new Error(`Formatting Kafka storage failed: ${error.message}`);
  });
}

interface SpawnedBroker {
  pid: number;
  /** Why the JVM exited, or undefined while it runs. */
  exitReason: () => string | undefined;
}

async function spawnBroker(
  jars: string[],
  files: ReturnType<typeof brokerFiles>,
  heapMb: number,
): Promise<SpawnedBroker> {
  const log = await open(files.log, 'a');
  try {
    const heap = [`-Xms${Math.min(256, heapMb)}m`, `-Xmx${heapMb}m`, '-XX:+ExitOnOutOfMemoryError'];
    const child = spawn(javaBinary(), [...heap, ...javaBaseArgs(jars), 'kafka.Kafka', files.properties], {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    });
    await new Promise<void>((resolveSpawn, rejectSpawn) => {
      child.once('spawn', resolveSpawn);
      child.once('error', (error) =>
        rejectSpawn(new Error(`Cannot run ${javaBinary()} (Java 17+ is required): ${error.message}`)),
      );
    });
    let exitReason: string | undefined;
    child.once('exit', (code, signal) => {
      exitReason = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    });
    child.unref();
    return { pid: child.pid as number, exitReason: () => exitReason };
  } finally {
    await log.close();
  }
}

/** Waits for the ready log line, then for describeCluster to succeed; fails fast if the JVM exits. */
async function waitForStartup(
  exitReason: SpawnedBroker['exitReason'],
  brokers: string[],
  logFile: string,
  logOffset: number,
): Promise<void> {
  let offset = logOffset;
  let recent = '';
  const deadline = Date.now() + startupTimeoutMs;
  while (!recent.includes(readyLine)) {
    const exited = exitReason();
    if (exited) throw await startupError(`Kafka broker ${exited} during startup`, logFile, logOffset);
    if (Date.now() > deadline)
      throw await startupError(
        `Kafka broker did not log "${readyLine}" within ${startupTimeoutMs / 1000}s`,
        logFile,
        logOffset,
      );
    await sleep(200);
    const chunk = await readFrom(logFile, offset);
    offset = chunk.offset;
    // Keep a short overlap so a line split across two reads is still found.
    recent = recent.slice(-readyLine.length) + chunk.text;
  }
  const isAlive = (): Promise<boolean> => Promise.resolve(exitReason() === undefined);
  await waitUntilReachable(brokers, logFile, isAlive, deadline, logOffset);
}

async function waitUntilReachable(
  brokers: string[],
  logFile: string,
  isAlive: () => Promise<boolean>,
  deadline = Date.now() + startupTimeoutMs,
  logOffset?: number,
): Promise<void> {
  while (!(await isKafkaReachable(brokers, 2_000))) {
    if (!(await isAlive())) throw await startupError('Kafka broker exited during startup', logFile, logOffset);
    if (Date.now() > deadline)
      throw await startupError(`Kafka broker on ${brokers.join(',')} is not reachable in time`, logFile, logOffset);
    await sleep(200);
  }
}

/** The first ERROR line (plus the next, usually the exception) is the cause; the tail shows the end. */
async function startupError(reason: string, logFile: string, logOffset = 0): Promise<Error> {
  const lines = (await readFrom(logFile, logOffset)).text.split('\n');
  const firstError = lines.findIndex((line) => / (ERROR|FATAL) /.test(line));
  const cause = firstError >= 0 ? `\nFirst error:\n${lines.slice(firstError, firstError + 2).join('\n')}` : '';
  return new Error(`${reason}.${cause}\nLast lines of ${logFile}:\n${await tailFile(logFile, 20)}`);
}
