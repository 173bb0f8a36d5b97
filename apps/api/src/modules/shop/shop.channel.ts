import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/tokens';
import { type ChannelHandler, type DeliveryOutcome, type TargetState } from '../outbox/outbox-channel';
import { type OrderEventContext, OutboxFanout } from '../outbox/outbox-fanout';
import type { OutboxChannel, OutboxMessage } from '../outbox/outbox-message.entity';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import type { NewOutboxMessage } from '../outbox/outbox.service';
import { recordTargetOutcome, targetStateOf } from '../outbox/target-health';
import type { ShopAdapter, StatusPush } from './shop-adapter';
import { SHOP_ADAPTERS, type ShopAdapters } from './shop-adapters';
import { ShopConnection } from './shop-connection.entity';
import { ShopOrderLink } from './shop-order-link.entity';
import { ShopService } from './shop.service';

/** Outbox handler for one platform: pushes the printer's decision back to the shop. */
class ShopPushHandler implements ChannelHandler {
  readonly channel: OutboxChannel;

  constructor(
    private readonly adapter: ShopAdapter,
    private readonly owner: ShopChannel,
  ) {
    this.channel = adapter.platform;
  }

  targetState(targetId: string): Promise<TargetState> {
    return this.owner.targetState(targetId);
  }

  async deliver(message: OutboxMessage): Promise<DeliveryOutcome> {
    const connection = await this.owner.connection(message.targetId);
    return this.adapter.pushStatus(
      JSON.parse(message.payload) as StatusPush,
      this.owner.shops.context(connection),
    );
  }

  recordOutcome(targetId: string, outcome: DeliveryOutcome, now: number, gaveUp: boolean): Promise<void> {
    return this.owner.recordOutcome(targetId, outcome, now, gaveUp);
  }
}

/**
 * When an order that came from a shop is completed or cancelled, a status push is written to
 * the outbox in the same transaction; the dispatcher then delivers it through the adapter.
 */
@Injectable()
export class ShopChannel implements OnModuleInit {
  constructor(
    @InjectRepository(ShopConnection) private readonly connections: Repository<ShopConnection>,
    readonly shops: ShopService,
    private readonly fanout: OutboxFanout,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(SHOP_ADAPTERS) private readonly adapters: ShopAdapters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.fanout.register((context) => this.produce(context));
    for (const adapter of this.adapters.values())
      this.dispatcher.register(new ShopPushHandler(adapter, this));
  }

  private async produce(context: OrderEventContext): Promise<NewOutboxMessage[]> {
    const { manager, event } = context;
    if (event.type !== 'completed' && event.type !== 'cancelled') return [];
    const link = await manager.findOneBy(ShopOrderLink, { orderId: event.orderId });
    if (!link) return [];
    const connection = await manager.findOneBy(ShopConnection, {
      id: link.connectionId,
      deletedAt: IsNull(),
    });
    if (!connection) return [];
    const snapshot = await context.snapshot();
    const note = snapshot?.notes.at(-1)?.text ?? (event.type === 'completed' ? 'Accepted' : 'Cancelled');
    const push: StatusPush = { shopOrderId: link.shopOrderId, status: event.type, note };
    return [
      {
        tenantId: event.tenantId,
        channel: connection.platform,
        targetId: connection.id,
        orderId: event.orderId,
        event: `status.${event.type}`,
        payload: push,
      },
    ];
  }

  async connection(id: string): Promise<ShopConnection> {
    return this.connections.findOneByOrFail({ id });
  }

  targetState(id: string): Promise<TargetState> {
    return targetStateOf(this.connections, id);
  }

  recordOutcome(id: string, outcome: DeliveryOutcome, now: number, gaveUp: boolean): Promise<void> {
    return recordTargetOutcome(this.connections, id, outcome, now, gaveUp, {
      windowMs: this.config.integrations.retryHours * 3_600_000,
      onSuccess: (at) => ({ lastPushAt: at }),
      onFailure: (problem) => ({ lastError: `Status push failed: ${problem}`.slice(0, 500) }),
      disabledAs: 'Status pushes stopped',
    });
  }
}
