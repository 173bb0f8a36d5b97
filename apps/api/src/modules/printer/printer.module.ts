import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventModule } from '../event/event.module';
import { PrinterController } from './printer.controller';
import { Printer } from './printer.entity';
import { PrinterAuthenticator } from './printer-authenticator';
import { PrinterService } from './printer.service';

@Module({
  imports: [TypeOrmModule.forFeature([Printer]), EventModule],
  controllers: [PrinterController],
  providers: [PrinterService, PrinterAuthenticator],
  exports: [PrinterService, PrinterAuthenticator, TypeOrmModule],
})
export class PrinterModule {}
