// Follows session-signals with kafkajs (npm install kafkajs): one line per session that became READY.
// A group with no committed offsets starts an hour back (not the whole topic, not "now"); after that
// it resumes where it committed. Keep the highest version per session: after a crash a record may
// come again.
import { Kafka } from 'kafkajs';

const topic = process.env.SESSION_SIGNALS_TOPIC ?? 'session-signals';
const groupId = process.env.GROUP_ID ?? 'billing';
const kafka = new Kafka({ clientId: groupId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? '127.0.0.1:9092').split(',') });

// Before the group's first start: give it offsets an hour back, unless it has committed some already.
const admin = kafka.admin();
await admin.connect();
const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
if (committed.partitions.every((p) => p.offset === '-1')) {
  const start = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - 3600_000);
  await admin.setOffsets({ groupId, topic, partitions: start.map(({ partition, offset }) => ({ partition, offset })) });
}
await admin.disconnect();

const versions = new Map();
const consumer = kafka.consumer({ groupId });
await consumer.connect();
await consumer.subscribe({ topic });
await consumer.run({
  eachMessage: async ({ message }) => {
    const session = message.key.toString();
    const snapshot = JSON.parse(message.value.toString());   // ignore fields you do not know: more may come
    if (snapshot.version <= (versions.get(session) ?? 0)) return;   // seen already
    versions.set(session, snapshot.version);
    if (snapshot.status === 'READY') console.log(`READY ${session} v${snapshot.version}`);
  },
});
