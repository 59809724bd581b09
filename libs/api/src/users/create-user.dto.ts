import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@rag/contracts';
import { Trim } from '@rag/http';

export class CreateUserDto {
  @ApiProperty({ format: 'email', maxLength: 320, description: 'unique in the tenant, case-insensitively' })
  @Trim()
  @IsString()
  @MaxLength(320)
  @IsEmail({ allow_display_name: false, allow_ip_domain: false })
  email!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;
}
