import { resolve } from 'node:path';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { envBoolean, PlatformEnv, IsHttpUrl } from '@rag/config';

/** Only for development and tests: production must set its own secret. */
export const DEV_BLOB_SIGNING_SECRET = 'dev-only-blob-signing-secret-do-not-use-in-production';

/** `.data/blobs` of the repository; a relative BLOB_DIR is resolved from the repository root too. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const DEFAULT_BLOB_DIR = resolve(REPO_ROOT, '.data', 'blobs');

const usesS3 = (env: BlobStoreEnv): boolean => env.BLOB_STORE === 's3';
function NotDevSecretInProduction(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notDevBlobSecretInProduction',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be set (32+ characters) when NODE_ENV is production' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const env = args.object as BlobStoreEnv;
          return env.NODE_ENV !== 'production' || env.BLOB_STORE !== 'local' || value !== DEV_BLOB_SIGNING_SECRET;
        },
      },
    });
}

/**
 * Variables of the blob store (local files served by the gateway, or S3 behind CloudFront);
 * apps that store or serve blobs extend this class instead of PlatformEnv.
 */
export class BlobStoreEnv extends PlatformEnv {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsIn(['local', 's3'])
  BLOB_STORE: 'local' | 's3' = 'local';

  /** Folder of the local store. */
  @IsString()
  BLOB_DIR = DEFAULT_BLOB_DIR;

  /** Where the gateway serves local blobs. */
  @IsHttpUrl()
  BLOB_PUBLIC_URL = 'http://localhost:3000/v1/blobs';

  /** Key of the HMAC signing the local store's expiring urls. */
  @IsString()
  @MinLength(32)
  @NotDevSecretInProduction()
  BLOB_SIGNING_SECRET = DEV_BLOB_SIGNING_SECRET;

  /** Lifetime of the signed urls handed to clients. */
  @IsInt()
  @Min(1)
  @Max(604_800)
  BLOB_URL_TTL_SECONDS: number = 900;

  @ValidateIf(usesS3)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name (BLOB_STORE=s3)' })
  S3_BUCKET?: string;

  @ValidateIf(usesS3)
  @Matches(/^[a-z]{2}(-[a-z0-9]+)+-\d+$/, {
    message: 'S3_REGION must be an AWS region such as eu-west-1 (BLOB_STORE=s3)',
  })
  S3_REGION?: string;

  @IsOptional()
  @IsHttpUrl()
  S3_ENDPOINT?: string;

  @Transform(envBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE: boolean = false;

  /** Host name of the CloudFront distribution serving the bucket. */
  @ValidateIf(usesS3)
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, {
    message: 'CLOUDFRONT_DOMAIN must be a host name such as d111111abcdef8.cloudfront.net (BLOB_STORE=s3)',
  })
  CLOUDFRONT_DOMAIN?: string;

  /** Signed CloudFront urls need both the key pair id and its private key; urls are unsigned without them. */
  @ValidateIf((env: BlobStoreEnv) => env.CLOUDFRONT_PRIVATE_KEY !== undefined)
  @Matches(/^[A-Z0-9]{8,64}$/, { message: 'CLOUDFRONT_KEY_PAIR_ID must be set with CLOUDFRONT_PRIVATE_KEY' })
  CLOUDFRONT_KEY_PAIR_ID?: string;

  /** PEM; `\n` escapes are read as line breaks. */
  @ValidateIf((env: BlobStoreEnv) => env.CLOUDFRONT_KEY_PAIR_ID !== undefined)
  @Matches(/-----BEGIN (RSA )?PRIVATE KEY-----/, {
    message: 'CLOUDFRONT_PRIVATE_KEY must be a PEM private key, set with CLOUDFRONT_KEY_PAIR_ID',
  })
  CLOUDFRONT_PRIVATE_KEY?: string;
}
