import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isMysqlFamily } from '../transaction-runner';

// Generated from the entities with apps/api/scripts/schema-sql.ts for both dialects, then frozen.
// The schema-drift test proves that entities and migrations still agree on SQLite and MariaDB.
export class Initial1764390000000 implements MigrationInterface {
  name = 'Initial1764390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysqlFamily(queryRunner.connection) ? MYSQL : SQLITE;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'app_settings',
      'tenants',
      'printers',
      'orders',
      'order_notes',
      'printer_events',
      'order_events',
      'users',
      'sessions',
      'api_keys',
    ])
      await queryRunner.query(`DROP TABLE ${queryRunner.connection.driver.escape(table)}`);
  }
}

const SQLITE = [
  'CREATE TABLE "api_keys" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdAt" bigint NOT NULL, "lastUsedAt" bigint, "revokedAt" bigint)',
  'CREATE INDEX "idx_api_keys_tenant" ON "api_keys" ("tenantId") ',
  'CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("keyHash") ',
  'CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "createdAt" bigint NOT NULL, "expiresAt" bigint NOT NULL)',
  'CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") ',
  'CREATE UNIQUE INDEX "uq_sessions_token" ON "sessions" ("tokenHash") ',
  'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36), "email" varchar(254) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "createdAt" bigint NOT NULL)',
  'CREATE INDEX "idx_users_tenant" ON "users" ("tenantId") ',
  'CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") ',
  'CREATE TABLE "order_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" varchar(36) NOT NULL, "tenantId" varchar(36) NOT NULL, "printerId" varchar(36), "type" varchar(32) NOT NULL, "at" bigint NOT NULL, "data" text)',
  'CREATE INDEX "idx_order_events_tenant" ON "order_events" ("tenantId", "id") ',
  'CREATE INDEX "idx_order_events_order" ON "order_events" ("orderId", "id") ',
  'CREATE TABLE "printer_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "printerId" varchar(36) NOT NULL, "tenantId" varchar(36) NOT NULL, "type" varchar(32) NOT NULL, "at" bigint NOT NULL, "data" text)',
  'CREATE INDEX "idx_printer_events_printer" ON "printer_events" ("printerId", "id") ',
  'CREATE TABLE "order_notes" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "text" text NOT NULL, "author" varchar(64) NOT NULL, "createdAt" bigint NOT NULL)',
  'CREATE INDEX "idx_order_notes_order" ON "order_notes" ("orderId") ',
  'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36) NOT NULL, "printerId" varchar(36), "number" integer NOT NULL, "externalId" varchar(128) NOT NULL, "status" varchar(16) NOT NULL, "needsAttention" boolean NOT NULL DEFAULT (0), "type" varchar(16) NOT NULL, "currency" varchar(3) NOT NULL, "items" text NOT NULL, "deliveryFee" integer NOT NULL DEFAULT (0), "fee" integer NOT NULL DEFAULT (0), "discount" integer NOT NULL DEFAULT (0), "total" integer NOT NULL, "paymentMethod" varchar(64), "paid" boolean NOT NULL DEFAULT (0), "requiresConfirmation" boolean, "customer" text NOT NULL, "requestedAt" bigint, "requestedOffset" varchar(6), "comments" text, "wire" text, "serveCount" integer NOT NULL DEFAULT (0), "firstServedAt" bigint, "lastServedAt" bigint, "attentionClockAt" bigint, "answeredAt" bigint, "answerTime" varchar(64), "answerMessage" varchar(255), "queuedAt" bigint, "receivedAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
  'CREATE INDEX "idx_orders_tenant_status" ON "orders" ("tenantId", "status") ',
  'CREATE INDEX "idx_orders_queue" ON "orders" ("printerId", "status", "queuedAt") ',
  'CREATE UNIQUE INDEX "uq_orders_number" ON "orders" ("tenantId", "number") ',
  'CREATE UNIQUE INDEX "uq_orders_external" ON "orders" ("tenantId", "externalId") ',
  'CREATE TABLE "printers" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenantId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "tokenHash" varchar(64), "tokenSealed" varchar(255), "resId" varchar(32) NOT NULL, "deviceUsername" varchar(32) NOT NULL, "devicePassword" varchar(32) NOT NULL, "pollIntervalSeconds" integer NOT NULL DEFAULT (10), "textPolicy" varchar(8) NOT NULL DEFAULT (\'utf8\'), "newlineToken" varchar(8) NOT NULL DEFAULT (\'%%\'), "currencyPrefix" varchar(8) NOT NULL DEFAULT (\'\'), "timeZone" varchar(64), "unansweredLimitSeconds" integer NOT NULL DEFAULT (300), "isDefault" boolean NOT NULL DEFAULT (0), "servingOrderId" varchar(36), "lastPollAt" bigint, "lastCallbackAt" bigint, "offlineSince" bigint, "createdAt" bigint NOT NULL, "deletedAt" bigint)',
  'CREATE INDEX "idx_printers_tenant" ON "printers" ("tenantId") ',
  'CREATE UNIQUE INDEX "uq_printers_token" ON "printers" ("tokenHash") ',
  'CREATE TABLE "tenants" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "timeZone" varchar(64) NOT NULL DEFAULT (\'UTC\'), "locale" varchar(8) NOT NULL DEFAULT (\'en\'), "intakeRule" varchar(24) NOT NULL DEFAULT (\'manual-confirmation\'), "cashPaymentMethods" text NOT NULL, "orderSeq" integer NOT NULL DEFAULT (0), "createdAt" bigint NOT NULL)',
  'CREATE TABLE "app_settings" ("key" varchar(64) PRIMARY KEY NOT NULL, "value" text NOT NULL)',
];

const MYSQL = [
  'CREATE TABLE `api_keys` (`id` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `name` varchar(100) NOT NULL, `prefix` varchar(16) NOT NULL, `keyHash` varchar(64) NOT NULL, `createdAt` bigint NOT NULL, `lastUsedAt` bigint NULL, `revokedAt` bigint NULL, INDEX `idx_api_keys_tenant` (`tenantId`), UNIQUE INDEX `uq_api_keys_hash` (`keyHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `sessions` (`id` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `createdAt` bigint NOT NULL, `expiresAt` bigint NOT NULL, INDEX `idx_sessions_user` (`userId`), UNIQUE INDEX `uq_sessions_token` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `users` (`id` varchar(36) NOT NULL, `tenantId` varchar(36) NULL, `email` varchar(254) NOT NULL, `passwordHash` varchar(255) NOT NULL, `role` varchar(16) NOT NULL, `createdAt` bigint NOT NULL, INDEX `idx_users_tenant` (`tenantId`), UNIQUE INDEX `uq_users_email` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `order_events` (`id` int NOT NULL AUTO_INCREMENT, `orderId` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `printerId` varchar(36) NULL, `type` varchar(32) NOT NULL, `at` bigint NOT NULL, `data` text NULL, INDEX `idx_order_events_tenant` (`tenantId`, `id`), INDEX `idx_order_events_order` (`orderId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `printer_events` (`id` int NOT NULL AUTO_INCREMENT, `printerId` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `type` varchar(32) NOT NULL, `at` bigint NOT NULL, `data` text NULL, INDEX `idx_printer_events_printer` (`printerId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `order_notes` (`id` varchar(36) NOT NULL, `orderId` varchar(36) NOT NULL, `text` text NOT NULL, `author` varchar(64) NOT NULL, `createdAt` bigint NOT NULL, INDEX `idx_order_notes_order` (`orderId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  "CREATE TABLE `orders` (`id` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `printerId` varchar(36) NULL, `number` int NOT NULL, `externalId` varchar(128) NOT NULL, `status` varchar(16) NOT NULL, `needsAttention` tinyint NOT NULL DEFAULT 0, `type` varchar(16) NOT NULL, `currency` varchar(3) NOT NULL, `items` text NOT NULL, `deliveryFee` int NOT NULL DEFAULT '0', `fee` int NOT NULL DEFAULT '0', `discount` int NOT NULL DEFAULT '0', `total` int NOT NULL, `paymentMethod` varchar(64) NULL, `paid` tinyint NOT NULL DEFAULT 0, `requiresConfirmation` tinyint NULL, `customer` text NOT NULL, `requestedAt` bigint NULL, `requestedOffset` varchar(6) NULL, `comments` text NULL, `wire` text NULL, `serveCount` int NOT NULL DEFAULT '0', `firstServedAt` bigint NULL, `lastServedAt` bigint NULL, `attentionClockAt` bigint NULL, `answeredAt` bigint NULL, `answerTime` varchar(64) NULL, `answerMessage` varchar(255) NULL, `queuedAt` bigint NULL, `receivedAt` bigint NOT NULL, `updatedAt` bigint NOT NULL, INDEX `idx_orders_tenant_status` (`tenantId`, `status`), INDEX `idx_orders_queue` (`printerId`, `status`, `queuedAt`), UNIQUE INDEX `uq_orders_number` (`tenantId`, `number`), UNIQUE INDEX `uq_orders_external` (`tenantId`, `externalId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
  "CREATE TABLE `printers` (`id` varchar(36) NOT NULL, `tenantId` varchar(36) NOT NULL, `name` varchar(100) NOT NULL, `tokenHash` varchar(64) NULL, `tokenSealed` varchar(255) NULL, `resId` varchar(32) NOT NULL, `deviceUsername` varchar(32) NOT NULL, `devicePassword` varchar(32) NOT NULL, `pollIntervalSeconds` int NOT NULL DEFAULT '10', `textPolicy` varchar(8) NOT NULL DEFAULT 'utf8', `newlineToken` varchar(8) NOT NULL DEFAULT '%%', `currencyPrefix` varchar(8) NOT NULL DEFAULT '', `timeZone` varchar(64) NULL, `unansweredLimitSeconds` int NOT NULL DEFAULT '300', `isDefault` tinyint NOT NULL DEFAULT 0, `servingOrderId` varchar(36) NULL, `lastPollAt` bigint NULL, `lastCallbackAt` bigint NULL, `offlineSince` bigint NULL, `createdAt` bigint NOT NULL, `deletedAt` bigint NULL, INDEX `idx_printers_tenant` (`tenantId`), UNIQUE INDEX `uq_printers_token` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
  "CREATE TABLE `tenants` (`id` varchar(36) NOT NULL, `name` varchar(120) NOT NULL, `timeZone` varchar(64) NOT NULL DEFAULT 'UTC', `locale` varchar(8) NOT NULL DEFAULT 'en', `intakeRule` varchar(24) NOT NULL DEFAULT 'manual-confirmation', `cashPaymentMethods` text NOT NULL, `orderSeq` int NOT NULL DEFAULT '0', `createdAt` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB",
  'CREATE TABLE `app_settings` (`key` varchar(64) NOT NULL, `value` text NOT NULL, PRIMARY KEY (`key`)) ENGINE=InnoDB',
];
