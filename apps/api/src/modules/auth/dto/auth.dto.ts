import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsTimeZone } from '../../../common/validators';

export class SignupDto {
  @ApiProperty({ example: 'Pizzeria Da Mario' })
  @IsString()
  @Length(1, 120)
  restaurantName!: string;

  @ApiProperty({ example: 'mario@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password!: string;

  @ApiPropertyOptional({ example: 'Europe/Rome', description: 'IANA time zone; defaults to UTC' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: ['en', 'it', 'es'] })
  @IsOptional()
  @IsIn(['en', 'it', 'es'])
  locale?: string;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password!: string;

  @ApiProperty({ enum: ['owner', 'staff'] })
  @IsIn(['owner', 'staff'])
  role!: 'owner' | 'staff';
}
