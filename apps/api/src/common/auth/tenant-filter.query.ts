import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** `?tenantId=` on list endpoints: support narrows a cross-restaurant list to one restaurant. */
export class TenantFilterQuery {
  @ApiPropertyOptional({ description: 'Support only: list this restaurant’s rows' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  tenantId?: string;
}
