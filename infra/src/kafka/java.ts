import { join } from 'node:path';
import { kafkaLog4jConfigFile } from '../paths';

export function javaBinary(): string {
  const javaHome = process.env.JAVA_HOME;
  return javaHome ? join(javaHome, 'bin', 'java') : 'java';
}

/** JVM arguments shared by the broker and the storage tool; the log4j config keeps stdout parseable. */
export function javaBaseArgs(jars: string[]): string[] {
  return [`-Dlog4j2.configurationFile=${kafkaLog4jConfigFile}`, '-Djava.awt.headless=true', '-cp', jars.join(':')];
}
