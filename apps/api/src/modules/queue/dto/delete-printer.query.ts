import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';

export class DeletePrinterQuery {
  @ApiPropertyOptional({
    enum: ['cancel', 'move'],
    description:
      'What to do with orders still waiting; without it, deleting a printer with waiting orders is refused',
  })
  @IsOptional()
  @IsIn(['cancel', 'move'])
  pendingOrders?: 'cancel' | 'move';

  @ApiPropertyOptional({ description: 'With pendingOrders=move: the printer that takes them' })
  @ValidateIf((query: DeletePrinterQuery) => query.pendingOrders === 'move')
  @IsString()
  @Length(1, 36)
  targetPrinterId?: string;
}
