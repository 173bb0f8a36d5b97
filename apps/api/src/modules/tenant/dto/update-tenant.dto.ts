import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsTimeZone } from '../../../common/validators';
import type { IntakeRule } from '../tenant.entity';

export class UpdateTenantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Rome' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: ['en', 'it', 'es'] })
  @IsOptional()
  @IsIn(['en', 'it', 'es'])
  locale?: string;

  @ApiPropertyOptional({
    enum: ['manual-confirmation', 'all'],
    description:
      'manual-confirmation: only cash on delivery, pickup or flagged orders are printed; all: every order',
  })
  @IsOptional()
  @IsIn(['manual-confirmation', 'all'])
  intakeRule?: IntakeRule;

  @ApiPropertyOptional({ type: [String], example: ['cod', 'cash', 'contrassegno'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  cashPaymentMethods?: string[];
}
