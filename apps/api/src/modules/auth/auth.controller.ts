import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, Roles, Scope } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { TenantService } from '../tenant/tenant.service';
import { tenantView } from '../tenant/tenant.view';
import { SESSION_COOKIE } from './auth.guard';
import { AuthService } from './auth.service';
import { CreateUserDto, LoginDto, SignupDto } from './dto/auth.dto';
import type { User } from './user.entity';

export function userView(user: User) {
  return { id: user.id, email: user.email, role: user.role, tenantId: user.tenantId };
}

function setSessionCookie(response: Response, token: string): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 30 * 24 * 3600 * 1000,
  });
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tenants: TenantService,
  ) {}

  @Post('signup')
  @Public()
  @UseGuards(ThrottlerGuard)
  async signup(@Body() dto: SignupDto, @Res({ passthrough: true }) response: Response) {
    const { token, tenant, user } = await this.auth.signup(dto);
    setSessionCookie(response, token);
    return { token, tenant: tenantView(tenant), user: userView(user) };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) response: Response) {
    const { token, user } = await this.auth.login(dto.email, dto.password);
    setSessionCookie(response, token);
    const tenant = user.tenantId === null ? null : await this.tenants.findById(user.tenantId);
    return { token, user: userView(user), tenant: tenant ? tenantView(tenant) : null };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const header = request.headers.authorization;
    const cookie = request.headers.cookie?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1];
    const token = header?.startsWith('Bearer ')
      ? header.slice(7)
      : cookie
        ? decodeURIComponent(cookie)
        : null;
    if (token) await this.auth.logout(token);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  async me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'user') return { kind: 'api-key', tenantId: principal.tenantId };
    const tenant = principal.tenantId === null ? null : await this.tenants.findById(principal.tenantId);
    return {
      user: {
        id: principal.userId,
        email: principal.email,
        role: principal.role,
        tenantId: principal.tenantId,
      },
      tenant: tenant ? tenantView(tenant) : null,
    };
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @Roles('owner')
  async create(@Scope() scope: TenantScope, @Body() dto: CreateUserDto) {
    return userView(await this.auth.addTenantUser(scope.requireTenant(), dto));
  }

  @Get()
  @Roles('owner')
  async list(@Scope() scope: TenantScope) {
    return { items: (await this.auth.listTenantUsers(scope.requireTenant())).map(userView) };
  }
}
