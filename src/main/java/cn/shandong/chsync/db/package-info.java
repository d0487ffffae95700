/**
 * Flyway's Java migrations: the schema changes that need the service's keys (the ID numbers'
 * encryption and hash keys), which SQL in db/migration cannot have. They are Spring beans, so that
 * Flyway gets them with the keys; the SQL migrations are in src/main/resources/db/migration.
 */
package cn.shandong.chsync.db;
