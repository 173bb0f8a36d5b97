import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SHOP_PLATFORMS, type ShopPlatform } from '@shared/types';

export class StatusMapDto {
  @ApiProperty({ nullable: true, example: '5' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 64)
  completed!: string | null;

  @ApiProperty({ nullable: true, example: '7' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 64)
  cancelled!: string | null;
}

/** Fields shared by connect and update; which credentials are required depends on the platform. */
class ConnectionFieldsDto {
  @ApiPropertyOptional({ example: 'Pizzeria shop' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({
    example: 'https://pizzeria.example',
    description: 'WooCommerce site, or the Framework360 API base',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  siteUrl?: string;

  @ApiPropertyOptional({ example: 'ck_…' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^\S+$/, { message: 'consumerKey must not contain spaces' })
  consumerKey?: string;

  @ApiPropertyOptional({ example: 'cs_…' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^\S+$/, { message: 'consumerSecret must not contain spaces' })
  consumerSecret?: string;

  @ApiPropertyOptional({ description: 'Framework360 X-Fw360-Key' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^\S+$/, { message: 'apiKey must not contain spaces' })
  apiKey?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: "Printer for this shop's orders; null = the first printer",
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 36)
  printerId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['local_pickup', 'legacy_local_pickup', 'pickup_location'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  pickupMethods?: string[];

  @ApiPropertyOptional({ description: 'Framework360: poll orders/list for new orders' })
  @IsOptional()
  @IsBoolean()
  poll?: boolean;

  @ApiPropertyOptional({ type: StatusMapDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatusMapDto)
  statusMap?: StatusMapDto;
}

export class CreateConnectionDto extends ConnectionFieldsDto {
  @ApiProperty({ enum: SHOP_PLATFORMS })
  @IsIn(SHOP_PLATFORMS)
  platform!: ShopPlatform;

  @ApiProperty({ example: 'Pizzeria shop' })
  @IsString()
  @Length(1, 100)
  declare name: string;

  @ApiProperty({ example: 'https://pizzeria.example' })
  @IsString()
  @Length(1, 2048)
  declare siteUrl: string;
}

export class UpdateConnectionDto extends ConnectionFieldsDto {
  @ApiPropertyOptional({ description: 'false stops status pushes and polling; true resumes them' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
