import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxAttempt } from './outbox-attempt.entity';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxFanout } from './outbox-fanout';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxService } from './outbox.service';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, OutboxAttempt])],
  providers: [OutboxService, OutboxDispatcher, OutboxFanout],
  exports: [OutboxService, OutboxDispatcher, OutboxFanout],
})
export class OutboxModule {}
