import { ParseArgsConfig } from 'node:util';
import { OpsEnv } from './ops.env';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command found: JSON for machines, text for people, and what is worth paging on. */
export interface Report {
  json: object;
  text: string;
  /** One line each; any problem makes the exit code 1. */
  problems: string[];
}

/**
 * One `npm run ops -- <command>`: its flags, how they are validated (a UsageError means exit
 * code 2), and what it reads.
 */
export interface OpsCommand<Options> {
  options: OptionsConfig;
  /** Positional arguments the command takes after its name. */
  maxPositionals: number;
  parse(values: ParsedValues, positionals: string[]): Options;
  run(options: Options, env: OpsEnv): Promise<Report>;
}
