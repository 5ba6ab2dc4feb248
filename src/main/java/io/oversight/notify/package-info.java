/**
 * Where the outcome leaves towards the agent: signed webhooks to a proposal's callbackUrl on every
 * status change. A status change writes a row to the outbox table {@code ovs_webhook_delivery} in
 * its own transaction ({@link io.oversight.notify.WebhookRecorder}); after commit a small pool sends
 * it, and a sweeper on every node retries with backoff ({@link io.oversight.notify.WebhookDispatcher}).
 * Nodes claim a row before sending it, and a proposal's deliveries go out in order.
 */
package io.oversight.notify;
