import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { USER_ROLES, UserRole } from '@rag/contracts';
import { IsOptionalNonNull } from '@rag/http';

/** Change a user's role, or disable / re-enable them. Deletion is DELETE. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptionalNonNull()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptionalNonNull()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}
