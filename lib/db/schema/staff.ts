/** Staff accounts, their sessions, API keys for Open311 clients, and the append-only audit log. */
import { bigserial, boolean, index, inet, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { areaUnits, chiefs, departments } from './areas';
import { scopeType, staffRole } from './enums';

export const staffUsers = pgTable(
  'staff_users',
  {
    id: serial().primaryKey(),
    username: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(), // argon2id
    roles: staffRole().array().notNull(),
    scopeType: scopeType().notNull(),
    scopeAreaId: integer().references(() => areaUnits.id), // district or street
    chiefId: integer().references(() => chiefs.id), // handler who is a road chief
    departmentId: integer().references(() => departments.id), // handler in a department
    mustChangePassword: boolean().notNull().default(true),
    failedAttempts: smallint().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    isDemo: boolean().notNull().default(false), // demo accounts only exist in demo mode
    active: boolean().notNull().default(true),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_users_username_uq').on(t.username)],
);

export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: text().primaryKey(), // random, carried in the signed session token
    userId: integer()
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial().primaryKey(),
    name: text().notNull(), // who holds it: 12345 平台, a mini-program…
    prefix: text().notNull(), // first characters, shown to admins to tell keys apart
    keyHash: text().notNull(), // sha256 of the key; the key itself is shown once
    ratePerHour: integer().notNull().default(100),
    createdBy: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash)],
);

/** 留痕: every staff action, append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer(),
    actorLabel: text().notNull(),
    action: text().notNull(), // e.g. case.dispatch, rating.lock, user.login_failed
    entityType: text(),
    entityId: text(),
    ip: inet(),
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId, t.at), index('audit_log_actor_idx').on(t.actorUserId, t.at)],
);
