-- 031_webhook_deliveries: Standard Webhooks message ids received (system.md §3.2), shared by every
-- process on this database so that a replayed delivery is refused whichever process it reaches.
-- A row is kept until expires_at (the end of its timestamp's tolerance); after that the timestamp
-- check alone refuses the message, and the row may be deleted.
CREATE TABLE webhook_deliveries (
    webhook_id TEXT PRIMARY KEY,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX idx_webhook_deliveries_expires_at ON webhook_deliveries (expires_at);
