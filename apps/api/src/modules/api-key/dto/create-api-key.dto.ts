import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'WooCommerce shop' })
  @IsString()
  @Length(1, 100)
  name!: string;
}
