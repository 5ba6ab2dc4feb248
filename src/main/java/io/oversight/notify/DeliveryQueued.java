package io.oversight.notify;

/** A delivery was written to the outbox; it may be sent once its transaction has committed. */
record DeliveryQueued(String deliveryId) {}
