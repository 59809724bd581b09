import { Controller, Get, Post } from '@nestjs/common';
import { gatewayHealthModule } from '../health/gateway-health.module';
import { ROUTE_CONTROLLERS } from '../routes/routes.module';
import { Access, Public } from './access.decorator';
import { unguardedRoutes } from './route-guard.check';

@Controller('v1/things')
class HalfGuarded {
  @Get()
  @Access({ tenant: 'read' })
  list(): void {}

  @Post(':id')
  forgotten(): void {}

  notARoute(): void {}
}

@Public()
@Controller('open')
class OpenController {
  @Get()
  open(): void {}
}

describe('route guard check', () => {
  it('finds no route of the gateway without @Access or @Public (health and metrics are public)', () => {
    const health = gatewayHealthModule().controllers ?? [];
    expect(health.length).toBeGreaterThan(0);
    expect(unguardedRoutes([...ROUTE_CONTROLLERS, ...health])).toEqual([]);
  });

  it('names each unguarded route, and honours class-level decisions', () => {
    expect(unguardedRoutes([HalfGuarded, OpenController])).toEqual(['POST /v1/things/:id']);
  });
});
