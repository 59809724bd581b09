import { ValueTransformer } from 'typeorm';

/** pg reads BIGINT as a string; the CHECK constraints keep these columns within safe integers. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
