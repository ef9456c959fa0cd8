# Follows session-signals with confluent-kafka (pip install confluent-kafka): one line per session that
# became READY. A group with no committed offsets starts an hour back (not the whole topic, not "now");
# after that it resumes where it committed. Keep the highest version per session: after a crash a
# record may come again.
import json
import os
import time

from confluent_kafka import Consumer, TopicPartition

START_BACK_SECONDS = 3600

consumer = Consumer({
    "bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
    "group.id": os.environ.get("GROUP_ID", "billing"),
    "auto.offset.reset": "earliest",   # only a fallback: on_assign picks the start of a new group
})


def start_new_partitions_an_hour_back(consumer, partitions):
    committed = consumer.committed(partitions, timeout=10)
    fresh = [p for p in committed if p.offset < 0]          # no committed offset: a new group
    if fresh:
        since = int((time.time() - START_BACK_SECONDS) * 1000)
        for found in consumer.offsets_for_times([TopicPartition(p.topic, p.partition, since) for p in fresh], timeout=10):
            for p in committed:
                if p.partition == found.partition and found.offset >= 0:
                    p.offset = found.offset
    consumer.assign(committed)


consumer.subscribe([os.environ.get("SESSION_SIGNALS_TOPIC", "session-signals")], on_assign=start_new_partitions_an_hour_back)
versions = {}
try:
    while True:
        record = consumer.poll(1.0)
        if record is None or record.error():
            continue
        snapshot = json.loads(record.value())            # ignore fields you do not know: more may come
        session = record.key().decode()
        if snapshot["version"] <= versions.get(session, 0):
            continue                                      # seen already
        versions[session] = snapshot["version"]
        if snapshot["status"] == "READY":
            print(f"READY {session} v{snapshot['version']}", flush=True)
finally:
    consumer.close()
