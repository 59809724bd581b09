import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const infraDir = join(repoRoot, 'infra');
export const dataRoot = join(repoRoot, '.data');

export const kafkaAssetsDir = join(infraDir, 'kafka');
export const kafkaPomFile = join(kafkaAssetsDir, 'pom.xml');
export const kafkaJarsLockFile = join(kafkaAssetsDir, 'jars.lock.json');
export const kafkaLog4jConfigFile = join(kafkaAssetsDir, 'log4j2.yaml');
export const kafkaDefaultCacheDir = join(kafkaAssetsDir, '.cache');

export const defaultPostgresDataDir = join(dataRoot, 'postgres');
export const defaultKafkaDataDir = (port: number): string => join(dataRoot, `kafka-${port}`);
