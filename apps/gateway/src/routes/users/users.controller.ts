import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { CacheInvalidation } from '../../cache/cache-invalidation';
import { ApiErrorView } from '../../docs/api-error.view';
import { UserPageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** The key's tenant's users; another tenant's user ids are not found (404). */
@ApiTags('users')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Access({ tenant: 'admin' })
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly forwarder: Forwarder,
    private readonly invalidate: CacheInvalidation,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the email is taken in this tenant' })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateUserDto): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'POST', path: '/users', body });
  }

  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: UserPageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListUsersQuery): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: '/users', query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: `/users/${id}` });
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's role, or disable / re-enable them" })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async update(
    @Exchange() exchange: HttpExchange,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<unknown> {
    const user = await this.forwarder.forward('identity', exchange, { method: 'PATCH', path: `/users/${id}`, body });
    this.invalidate.user(id);
    return user;
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Soft-delete a user' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async remove(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    const user = await this.forwarder.forward('identity', exchange, { method: 'DELETE', path: `/users/${id}` });
    this.invalidate.user(id);
    return user;
  }
}
