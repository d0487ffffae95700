-- Sign-in's own tables.

-- Bearer tokens for programs calling the API. Only the token's SHA-256 is kept: the table
-- gives no working token away. A token acts as its user with the user's role as configured now.
CREATE TABLE api_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    token_hash   CHAR(64)      NOT NULL,
    username     VARCHAR(64)   NOT NULL,
    label        VARCHAR(100)  NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    expires_at   DATETIME(3)   NOT NULL,
    revoked_at   DATETIME(3),
    CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
    INDEX ix_api_token_user (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The audit trail: every read of an ID number in clear, every support and operator action,
-- refused sign-ins, tokens issued. A person is named by the keyed hash of the ID number.
CREATE TABLE audit_event (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    at              DATETIME(3)   NOT NULL,
    actor           VARCHAR(100)  NOT NULL,
    role            VARCHAR(16),
    action          VARCHAR(32)   NOT NULL,
    target          VARCHAR(200),
    detail          VARCHAR(1000),
    remote_address  VARCHAR(64),
    INDEX ix_audit_event_at (at),
    INDEX ix_audit_event_actor (actor, at),
    INDEX ix_audit_event_target (target)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
