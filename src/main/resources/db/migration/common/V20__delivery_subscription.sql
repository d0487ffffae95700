-- Scheduled delivery to bureaus (issue 32): who receives which city's report, how, and with what
-- sight of ID numbers. One row per subscription; each delivery is an audit_event row, not a row here.
-- report: COMPLIANCE (the year's 达标 report) or STATEMENT (the month's daily statements, 对账);
-- channel: ATTACHMENT (the workbook in the mail) or LINK (a signed, expiring download link);
-- role: whose sight of ID numbers the delivery has (a bureau user's own; an administrator's choice
-- for a city's mailbox); clear_id_numbers: asked for in clear, honoured only where the role may.
CREATE TABLE delivery_subscription (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    city_code         CHAR(6)       NOT NULL,
    report            VARCHAR(16)   NOT NULL,
    channel           VARCHAR(16)   NOT NULL,
    recipient         VARCHAR(254)  NOT NULL,
    role              VARCHAR(16)   NOT NULL,
    clear_id_numbers  BOOLEAN       NOT NULL DEFAULT FALSE,
    language          VARCHAR(8)    NOT NULL DEFAULT 'zh',
    created_by        VARCHAR(100)  NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    INDEX ix_delivery_subscription_city (city_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
