import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookChannel } from './webhook.channel';
import { DeliveryController, WebhookController } from './webhook.controller';
import { WebhookService } from './webhook.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint]), OutboxModule],
  controllers: [WebhookController, DeliveryController],
  providers: [WebhookService, WebhookChannel],
  exports: [WebhookService],
})
export class WebhookModule {}
