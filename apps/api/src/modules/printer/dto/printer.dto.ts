import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsTimeZone } from '../../../common/validators';
import type { TextPolicy } from '../printer.entity';

/**
 * Settings both create and update take, all optional. `name` is declared by each subclass: a
 * required field cannot override an inherited @IsOptional (class-validator merges the metadata, so
 * a create without a name used to pass validation and fail with a 500).
 */
class PrinterSettingsDto {
  @ApiPropertyOptional({
    enum: ['utf8', 'ascii'],
    description: 'ascii transliterates accents for printers without a Unicode font',
  })
  @IsOptional()
  @IsIn(['utf8', 'ascii'])
  textPolicy?: TextPolicy;

  @ApiPropertyOptional({ example: '%%', description: "The printer's NewLineText setting" })
  @IsOptional()
  @IsString()
  @Length(1, 8)
  @Matches(/^[^#*;\r\n\\/]+$/, { message: 'newlineToken must not contain # * ; \\ / or line breaks' })
  newlineToken?: string;

  @ApiPropertyOptional({ example: '€', description: 'Printed before every amount' })
  @IsOptional()
  @IsString()
  @Length(0, 8)
  @Matches(/^[^#*;\r\n\\/]*$/, { message: 'currencyPrefix must not contain # * ; \\ / or line breaks' })
  currencyPrefix?: string;

  @ApiPropertyOptional({ example: 'Europe/Rome', nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsTimeZone()
  timeZone?: string | null;

  @ApiPropertyOptional({ minimum: 2, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(600)
  pollIntervalSeconds?: number;

  @ApiPropertyOptional({
    minimum: 30,
    maximum: 86400,
    description: 'Seconds before an unanswered order needs attention',
  })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(86400)
  unansweredLimitSeconds?: number;

  @ApiPropertyOptional({ description: 'Orders without a printerId go to the default printer' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class UpdatePrinterDto extends PrinterSettingsDto {
  @ApiPropertyOptional({ example: 'Kitchen' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class CreatePrinterDto extends PrinterSettingsDto {
  @ApiProperty({ example: 'Kitchen' })
  @IsString()
  @Length(1, 100)
  name!: string;
}
