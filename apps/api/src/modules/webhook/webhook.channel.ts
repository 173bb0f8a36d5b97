import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type OrderEventType,
  type WebhookEvent,
} from '@shared/types';
import type { AppConfig } from '../../infra/config/app-config';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { OutboundError, sendOutbound } from '../../infra/http/outbound';
import { APP_CONFIG, type Clock, CLOCK } from '../../infra/tokens';
import { orderView } from '../order/order.view';
import type { ChannelHandler, DeliveryOutcome, TargetState } from '../outbox/outbox-channel';
import { type OrderEventContext, OutboxFanout } from '../outbox/outbox-fanout';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import type { NewOutboxMessage } from '../outbox/outbox.service';
import { OutboxService } from '../outbox/outbox.service';
import { recordTargetOutcome, targetStateOf } from '../outbox/target-health';
import { signPayload } from './webhook-signature';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookService } from './webhook.service';

/** Order events that are published, and their public names. */
const PUBLISHED: Partial<Record<OrderEventType, WebhookEvent>> = {
  queued: 'order.queued',
  served: 'order.printing',
  completed: 'order.completed',
  cancelled: 'order.cancelled',
  needs_attention: 'order.needs_attention',
  skipped: 'order.skipped',
};

/** Writes webhook messages for order events and delivers them, signed, to the endpoints. */
@Injectable()
export class WebhookChannel implements ChannelHandler, OnModuleInit {
  readonly channel = 'webhook' as const;

  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    private readonly webhooks: WebhookService,
    private readonly outbox: OutboxService,
    private readonly fanout: OutboxFanout,
    private readonly dispatcher: OutboxDispatcher,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.fanout.register((context) => this.produce(context));
    this.dispatcher.register(this);
  }

  private async produce(context: OrderEventContext): Promise<NewOutboxMessage[]> {
    const { manager, event } = context;
    const name = PUBLISHED[event.type];
    if (!name) return [];
    const endpoints = await manager.find(WebhookEndpoint, {
      where: { tenantId: event.tenantId, enabled: true, deletedAt: IsNull() },
    });
    const subscribed = endpoints.filter(
      (endpoint) => endpoint.events === null || endpoint.events.includes(name),
    );
    if (subscribed.length === 0) return [];
    const state = await context.snapshot();
    if (!state) return [];
    const { events: _events, ...order } = orderView(state.order, state.notes, []);
    const payload = {
      id: `evt_${event.id}`,
      type: name,
      createdAt: new Date(event.at).toISOString(),
      data: { order },
    };
    return subscribed.map((endpoint) => ({
      tenantId: event.tenantId,
      channel: this.channel,
      targetId: endpoint.id,
      orderId: event.orderId,
      event: name,
      payload,
    }));
  }

  /** A `ping` to check an endpoint by hand; goes through the outbox like any event. */
  async ping(endpoint: WebhookEndpoint): Promise<void> {
    const id = `evt_ping_${randomUUID()}`;
    const payload = {
      id,
      type: 'ping',
      createdAt: new Date(this.clock.now()).toISOString(),
      data: { endpointId: endpoint.id },
    };
    await this.tx.run((manager) =>
      this.outbox.enqueue(manager, {
        tenantId: endpoint.tenantId,
        channel: this.channel,
        targetId: endpoint.id,
        orderId: null,
        event: 'ping',
        payload,
      }),
    );
  }

  targetState(targetId: string): Promise<TargetState> {
    return targetStateOf(this.endpoints, targetId);
  }

  async deliver(message: OutboxMessage): Promise<DeliveryOutcome> {
    const endpoint = await this.endpoints.findOneByOrFail({ id: message.targetId });
    const secret = this.webhooks.secretOf(endpoint);
    try {
      const response = await sendOutbound({
        method: 'POST',
        url: endpoint.url,
        headers: {
          'Content-Type': 'application/json',
          [WEBHOOK_SIGNATURE_HEADER]: signPayload(secret, message.payload, this.clock.now()),
          [WEBHOOK_EVENT_HEADER]: message.event,
          [WEBHOOK_DELIVERY_HEADER]: String(message.id),
        },
        body: message.payload,
        timeoutMs: this.config.integrations.timeoutMs,
        allowPrivate: this.config.integrations.allowPrivateTargets,
      });
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        ok,
        statusCode: response.statusCode,
        error: null,
        response: response.body,
        latencyMs: response.latencyMs,
      };
    } catch (error) {
      const failure =
        error instanceof OutboundError ? error : new OutboundError('network', (error as Error).message);
      return {
        ok: false,
        statusCode: null,
        error: failure.message,
        response: null,
        latencyMs: failure.latencyMs,
      };
    }
  }

  recordOutcome(targetId: string, outcome: DeliveryOutcome, now: number, gaveUp: boolean): Promise<void> {
    return recordTargetOutcome(this.endpoints, targetId, outcome, now, gaveUp, {
      windowMs: this.config.integrations.retryHours * 3_600_000,
      onSuccess: (at) => ({ lastSuccessAt: at }),
      onFailure: () => ({}),
      disabledAs: 'Disabled',
    });
  }
}
