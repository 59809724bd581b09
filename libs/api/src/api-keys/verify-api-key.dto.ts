import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Service-to-service (gateway -> identity): the bearer key exactly as the client sent it. */
export class VerifyApiKeyDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  key!: string;
}
