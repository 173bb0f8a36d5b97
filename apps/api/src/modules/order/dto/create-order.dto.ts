import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsMoney } from '../../../common/money';
import type { OrderKind } from '../order.entity';

export const MAX_ITEMS = 200;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class OrderOptionDto {
  @ApiProperty({ example: 'Extra mozzarella' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '1.50', description: 'Per unit of its item, major units' })
  @IsMoney()
  price!: number | string;
}

export class OrderItemDto {
  @ApiProperty({ example: 'Pizza Margherita' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 999 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity!: number;

  @ApiProperty({ example: '7.50', description: 'Major units, number or decimal string' })
  @IsMoney()
  unitPrice!: number | string;

  @ApiPropertyOptional({ type: [OrderOptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each value in $property must be an object' })
  @ValidateNested({ each: true })
  @Type(() => OrderOptionDto)
  options?: OrderOptionDto[];

  @ApiPropertyOptional({ example: 'No onions' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CustomerDto {
  @ApiPropertyOptional({ example: 'Giulia Rossi' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '+39 333 1234567' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ example: 'Via Roma 1, 00100 Roma' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  verified?: boolean;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  previousOrders?: number;
}

export class CreateOrderDto {
  @ApiProperty({
    example: 'woo-1234',
    description: "The shop's order id; unique per restaurant (idempotency key)",
  })
  @IsString()
  @Length(1, 128)
  @Matches(/^[\x21-\x7e]+$/, { message: 'externalId must be printable ASCII without spaces' })
  externalId!: string;

  @ApiPropertyOptional({ description: "Defaults to the restaurant's default printer" })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  printerId?: string;

  @ApiProperty({ enum: ['delivery', 'pickup', 'reservation'] })
  @IsIn(['delivery', 'pickup', 'reservation'])
  type!: OrderKind;

  @ApiProperty({ type: [OrderItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS, { message: `items must contain at most ${MAX_ITEMS} lines` })
  @IsObject({ each: true, message: 'each value in $property must be an object' })
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items!: OrderItemDto[];

  @ApiPropertyOptional({ example: '2.00' })
  @IsOptional()
  @IsMoney()
  deliveryFee?: number | string;

  @ApiPropertyOptional({ example: '0.50', description: 'Card or handling fee' })
  @IsOptional()
  @IsMoney()
  fee?: number | string;

  @ApiPropertyOptional({ example: '1.00', description: 'Money taken off, as a positive amount' })
  @IsOptional()
  @IsMoney()
  discount?: number | string;

  @ApiProperty({ example: '17.00', description: "The shop's total; printed as given" })
  @IsMoney()
  total!: number | string;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217; defaults to EUR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ example: 'cod' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  paymentMethod?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  paid?: boolean;

  @ApiPropertyOptional({
    description: 'Force (true) or skip (false) printing, whatever the intake rule says',
  })
  @IsOptional()
  @IsBoolean()
  requiresConfirmation?: boolean;

  @ApiPropertyOptional({ type: CustomerDto })
  @IsOptional()
  // ValidateNested alone lets an array through (its elements are validated instead), losing the data.
  @IsObject({ message: 'customer must be an object' })
  @ValidateNested()
  @Type(() => CustomerDto)
  customer?: CustomerDto;

  @ApiPropertyOptional({ example: '2026-11-29T19:30:00+01:00', description: 'ISO 8601 with an offset or Z' })
  @IsOptional()
  @Matches(ISO_8601, {
    message: 'requestedAt must be an ISO 8601 date-time with an offset, e.g. 2026-11-29T19:30:00+01:00',
  })
  requestedAt?: string;

  @ApiPropertyOptional({ example: 'Ring twice' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'Customer called to cancel' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MoveOrderDto {
  @ApiProperty()
  @IsString()
  @Length(1, 36)
  printerId!: string;
}
