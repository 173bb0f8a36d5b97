import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListOrdersQuery {
  @ApiPropertyOptional({ example: 'queued,printing', description: 'One status or a comma-separated list' })
  @IsOptional()
  @Matches(
    /^(queued|printing|completed|cancelled|skipped)(,(queued|printing|completed|cancelled|skipped))*$/,
    {
      message:
        'status must be queued, printing, completed, cancelled or skipped (comma-separated for several)',
    },
  )
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(36)
  printerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  externalId?: string;

  @ApiPropertyOptional({ description: 'The number printed on the ticket' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'number must be a whole number' })
  number?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  needsAttention?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Support only: one restaurant' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  tenantId?: string;

  @ApiPropertyOptional({ example: '2026-11-29T00:00:00Z', description: 'Received at or after' })
  @IsOptional()
  @IsISO8601({}, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30T00:00:00Z', description: 'Received at or before' })
  @IsOptional()
  @IsISO8601({}, { message: 'to must be an ISO 8601 date' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
