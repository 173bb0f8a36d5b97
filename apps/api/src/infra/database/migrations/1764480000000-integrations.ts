import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isMysqlFamily } from '../transaction-runner';

// Shop integrations: webhook endpoints, the delivery outbox and its log, shop connections with their
// order links and inbound log. Generated with apps/api/scripts/schema-sql.ts against a database at
// the previous migration, then frozen; the schema-drift test checks it on SQLite and MariaDB.
export class Integrations1764480000000 implements MigrationInterface {
  name = 'Integrations1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysqlFamily(queryRunner.connection) ? MYSQL : SQLITE;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_attempts',
      'outbox_messages',
      'inbound_deliveries',
      'shop_connections',
      'shop_order_links',
      'webhook_endpoints',
    ])
      await queryRunner.query(`DROP TABLE ${queryRunner.connection.driver.escape(table)}`);
  }
}

const SQLITE = [
  'CREATE TABLE "outbox_attempts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "messageId" integer NOT NULL, "tenantId" varchar(36) NOT NULL, "targetId" varchar(36) NOT NULL, "at" bigint NOT NULL, "ok" boolean NOT NULL, "statusCode" integer, "latencyMs" integer NOT NULL, "error" varchar(500), "response" varchar(500))',
  'CREATE INDEX "idx_outbox_attempts_target" ON "outbox_attempts" ("targetId", "id") ',
  'CREATE INDEX "idx_outbox_attempts_message" ON "outbox_attempts" ("messageId", "id") ',
  'CREATE TABLE "outbox_messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tenantId" varchar(36) NOT NULL, "channel" varchar(16) NOT NULL, "targetId" varchar(36) NOT NULL, "orderId" varchar(36), "event" varchar(40) NOT NULL, "payload" text NOT NULL, "status" varchar(12) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" bigint NOT NULL, "leaseOwner" varchar(64), "leaseUntil" bigint, "lastAttemptAt" bigint, "lastStatusCode" integer, "lastError" varchar(500), "createdAt" bigint NOT NULL, "deliveredAt" bigint)',
  'CREATE INDEX "idx_outbox_tenant" ON "outbox_messages" ("tenantId", "id") ',
  'CREATE INDEX "idx_outbox_target_order" ON "outbox_messages" ("targetId", "orderId", "id") ',
  'CREATE INDEX "idx_outbox_due" ON "outbox_messages" ("status", "nextAttemptAt") ',
  'CREATE TABLE "inbound_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tenantId" varchar(36) NOT NULL, "connectionId" varchar(36) NOT NULL, "deliveryId" varchar(100), "shopOrderId" varchar(64), "orderId" varchar(36), "outcome" varchar(16) NOT NULL, "detail" varchar(500), "receivedAt" bigint NOT NULL)',
  'CREATE INDEX "idx_inbound_deliveries_connection" ON "inbound_deliveries" ("connectionId", "id") ',
  'CREATE UNIQUE INDEX "uq_inbound_deliveries_delivery" ON "inbound_deliveries" ("connectionId", "deliveryId") ',
  'CREATE TABLE "shop_connections" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36) NOT NULL, "platform" varchar(16) NOT NULL, "name" varchar(100) NOT NULL, "siteUrl" varchar(2048) NOT NULL, "credentialsSealed" text NOT NULL, "settings" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "cursor" varchar(255), "disabledReason" varchar(500), "failingSince" bigint, "consecutiveFailures" integer NOT NULL DEFAULT (0), "lastOrderAt" bigint, "lastPushAt" bigint, "lastFailureAt" bigint, "lastError" varchar(500), "lastPollAt" bigint, "lastPayload" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "deletedAt" bigint)',
  'CREATE INDEX "idx_shop_connections_tenant" ON "shop_connections" ("tenantId") ',
  'CREATE TABLE "shop_order_links" ("orderId" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36) NOT NULL, "connectionId" varchar(36) NOT NULL, "shopOrderId" varchar(64) NOT NULL)',
  'CREATE UNIQUE INDEX "uq_shop_order_links_shop_order" ON "shop_order_links" ("connectionId", "shopOrderId") ',
  'CREATE TABLE "webhook_endpoints" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36) NOT NULL, "url" varchar(2048) NOT NULL, "description" varchar(200) NOT NULL DEFAULT (\'\'), "secretSealed" text NOT NULL, "events" text, "enabled" boolean NOT NULL DEFAULT (1), "disabledReason" varchar(500), "failingSince" bigint, "consecutiveFailures" integer NOT NULL DEFAULT (0), "lastSuccessAt" bigint, "lastFailureAt" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "deletedAt" bigint)',
  'CREATE INDEX "idx_webhook_endpoints_tenant" ON "webhook_endpoints" ("tenantId") ',
];

const MYSQL = [
  'CREATE TABLE `outbox_attempts` (`id` int NOT NULL AUTO_INCREMENT, `messageId` int NOT NULL, `tenantId` varchar(36) NOT NULL, `targetId` varchar(36) NOT NULL, `at` bigint NOT NULL, `ok` tinyint NOT NULL, `statusCode` int NULL, `latencyMs` int NOT NULL, `error` varchar(500) NULL, `response` varchar(500) NULL, INDEX `idx_outbox_attempts_target` (`targetId`, `id`), INDEX `idx_outbox_attempts_message` (`messageId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  "CREATE TABLE `outbox_messages` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` varchar(36) NOT NULL, `channel` varchar(16) NOT NULL, `targetId` varchar(36) NOT NULL, `orderId` varchar(36) NULL, `event` varchar(40) NOT NULL, `payload` text NOT NULL, `status` varchar(12) NOT NULL, `attempts` int NOT NULL DEFAULT '0', `nextAttemptAt` bigint NOT NULL, `leaseOwner` varchar(64) NULL, `leaseUntil` bigint NULL, `lastAttemptAt` bigint NULL, `lastStatusCode` int NULL, `lastError` varchar(500) NULL, `createdAt` bigint NOT NULL, `deliveredAt` bigint NULL, INDEX `idx_outbox_tenant` (`tenantId`, `id`), INDEX `idx_outbox_target_order` (`targetId`, `orderId`, `id`), INDEX `idx_outbox_due` (`status`, `nextAttemptAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
  'CREATE TABLE `inbound_deliveries` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` varchar(36) NOT NULL, `connectionId` varchar(36) NOT NULL, `deliveryId` varchar(100) NULL, `shopOrderId` varchar(64) NULL, `orderId` varchar(36) NULL, `outcome` varchar(16) NOT NULL, `detail` varchar(500) NULL, `receivedAt` bigint NOT NULL, INDEX `idx_inbound_deliveries_connection` (`connectionId`, `id`), UNIQUE INDEX `uq_inbound_deliveries_delivery` (`connectionId`, `deliveryId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  "CREATE TABLE `shop_connections` (`id` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `platform` varchar(16) NOT NULL, `name` varchar(100) NOT NULL, `siteUrl` varchar(2048) NOT NULL, `credentialsSealed` text NOT NULL, `settings` text NOT NULL, `enabled` tinyint NOT NULL DEFAULT 1, `cursor` varchar(255) NULL, `disabledReason` varchar(500) NULL, `failingSince` bigint NULL, `consecutiveFailures` int NOT NULL DEFAULT '0', `lastOrderAt` bigint NULL, `lastPushAt` bigint NULL, `lastFailureAt` bigint NULL, `lastError` varchar(500) NULL, `lastPollAt` bigint NULL, `lastPayload` text NULL, `createdAt` bigint NOT NULL, `updatedAt` bigint NOT NULL, `deletedAt` bigint NULL, INDEX `idx_shop_connections_tenant` (`tenantId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
  'CREATE TABLE `shop_order_links` (`orderId` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `connectionId` varchar(36) NOT NULL, `shopOrderId` varchar(64) NOT NULL, UNIQUE INDEX `uq_shop_order_links_shop_order` (`connectionId`, `shopOrderId`), PRIMARY KEY (`orderId`)) ENGINE=InnoDB',
  "CREATE TABLE `webhook_endpoints` (`id` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `url` varchar(2048) NOT NULL, `description` varchar(200) NOT NULL DEFAULT '', `secretSealed` text NOT NULL, `events` text NULL, `enabled` tinyint NOT NULL DEFAULT 1, `disabledReason` varchar(500) NULL, `failingSince` bigint NULL, `consecutiveFailures` int NOT NULL DEFAULT '0', `lastSuccessAt` bigint NULL, `lastFailureAt` bigint NULL, `createdAt` bigint NOT NULL, `updatedAt` bigint NOT NULL, `deletedAt` bigint NULL, INDEX `idx_webhook_endpoints_tenant` (`tenantId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
];
