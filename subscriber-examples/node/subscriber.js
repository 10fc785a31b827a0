// A managed-subscription consumer written with nothing but amqplib (see docs/subscriptions.md).
// Success: ack. Failure: nack without requeue; Origin Relay's broker-side ladder brings the message back
// later (1 s, 5 s, 25 s, ...) while the rest of the queue keeps flowing, and parks it after maxAttempts.
//
// The test harness drives it with environment variables and reads one JSON line per event on stdout:
//   AMQP_URL       amqp://user:password@host:port/vhost
//   QUEUE          the subscription's queue, e.g. subscription.invitations
//   REJECT_TIMES   {"<message_id>": n, ...}  reject these n times, then accept them
//   FAULT_MARKER   a file; while it exists, messages whose id is listed in FAULTY_IDS are rejected
//   FAULTY_IDS     ["<message_id>", ...]
'use strict';
const amqp = require('amqplib');
const fs = require('fs');

const rejectTimes = JSON.parse(process.env.REJECT_TIMES || '{}');
const faultyIds = new Set(JSON.parse(process.env.FAULTY_IDS || '[]'));
const faultMarker = process.env.FAULT_MARKER || '';
const rejectionsSoFar = {};

function report(event, msg, extra) {
  const headers = msg.properties.headers || {};
  process.stdout.write(JSON.stringify(Object.assign({
    event,
    messageId: msg.properties.messageId,
    routingKey: msg.fields.routingKey,
    redelivered: msg.fields.redelivered,
    attempt: headers['x-relay-attempt'] || 0,
    at: Date.now(),
  }, extra || {})) + '\n');
}

function shouldFail(messageId) {
  if (faultyIds.has(messageId) && faultMarker && fs.existsSync(faultMarker)) {
    return true;
  }
  const planned = rejectTimes[messageId] || 0;
  return (rejectionsSoFar[messageId] || 0) < planned;
}

async function main() {
  const connection = await amqp.connect(process.env.AMQP_URL);
  const channel = await connection.createChannel();
  await channel.prefetch(10);
  // The queue is managed by Origin Relay: check it exists, never declare it.
  await channel.checkQueue(process.env.QUEUE);
  await channel.consume(process.env.QUEUE, (msg) => {
    const messageId = msg.properties.messageId;
    report('delivery', msg);
    if (shouldFail(messageId)) {
      rejectionsSoFar[messageId] = (rejectionsSoFar[messageId] || 0) + 1;
      channel.nack(msg, false, false); // no requeue: the broker dead-letters it to the retry ladder
      report('rejected', msg);
    } else {
      channel.ack(msg);
      report('acked', msg, { body: msg.content.toString('utf8') });
    }
  }, { noAck: false });
  process.stdout.write(JSON.stringify({ event: 'ready' }) + '\n');
  const stop = () => connection.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  connection.on('close', () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
