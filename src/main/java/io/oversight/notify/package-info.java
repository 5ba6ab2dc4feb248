/**
 * Where the outcome leaves towards the agent: signed webhooks to a proposal's callbackUrl on every
 * status change. A status change writes a row to the outbox table {@code ovs_webhook_delivery} in
 * its own transaction ({@link io.oversight.notify.WebhookRecorder}); after commit a small pool sends
 * it, and a sweeper on every node retries with backoff ({@link io.oversight.notify.WebhookDispatcher}).
 * Nodes claim a row before sending it, and a proposal's deliveries go out in order. Where a callback
 * may go is {@link io.oversight.notify.CallbackAddressPolicy}: checked when a proposal is submitted
 * and again, by the HTTP client's resolver, at every attempt. Each attempt is signed with its own
 * timestamp ({@link io.oversight.notify.WebhookSignature}).
 */
package io.oversight.notify;
