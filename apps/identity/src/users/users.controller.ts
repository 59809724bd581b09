import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { UsersService } from './users.service';

/** Internal API; the gateway maps `/v1/users` here (tenant admins). */
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateUserDto,
    @RequestActor() actor: Actor,
  ): Promise<UserView> {
    return this.users.create(scope, input, actor);
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(scope, query);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<UserView> {
    return this.users.get(scope, id);
  }

  @Patch(':id')
  update(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() input: UpdateUserDto,
    @RequestActor() actor: Actor,
  ): Promise<UserView> {
    return this.users.update(scope, id, input, actor);
  }

  @Delete(':id')
  @HttpCode(200)
  remove(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @RequestActor() actor: Actor,
  ): Promise<UserView> {
    return this.users.remove(scope, id, actor);
  }
}
