#!/usr/bin/env bash
# Starts or stops a local Apache Kafka broker (KRaft, one node) as its own JVM on 127.0.0.1:9092.
# The jars come from Maven Central once (see kafka/pom.xml) and are cached in ~/.m2.
# Usage: kafka.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
DATA_DIR="$LOCAL_DIR/kafka/data"
CONF="$LOCAL_DIR/kafka/server.properties"
CP_FILE="$LOCAL_DIR/kafka/classpath"
PID_FILE="$PID_DIR/kafka.pid"
LOG_FILE="$LOG_DIR/kafka.log"
TOPICS="${KAFKA_TOPICS:-participant-events token-events session-signals}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-3}"

resolve_classpath() {
  [ -s "$CP_FILE" ] && return 0
  need java "install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)"
  need mvn "install Apache Maven (Debian: apt-get install maven)"
  log "resolving the Kafka broker jars from Maven Central (once)"
  mvn -B -q -f "$(dirname "$0")/kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE.tmp" >"$LOG_DIR/kafka-resolve.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/kafka-resolve.log" >&2; fail "could not fetch the Kafka jars; Maven Central must be reachable"; }
  mv "$CP_FILE.tmp" "$CP_FILE"
}

write_config() {
  mkdir -p "$DATA_DIR"
  cat >"$CONF" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=$PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# A restarted broker may register again only once its previous incarnation's session expires: with
# the default 9 s, a SIGKILLed broker answered nobody for 10 s after its JVM was up.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
auto.create.topics.enable=true
PROPS
  cat >"$LOCAL_DIR/kafka/log4j2.properties" <<PROPS
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=WARN
logger.kafkaserver.name=kafka.server.KafkaRaftServer
logger.kafkaserver.level=INFO
logger.apache.name=org.apache.kafka
logger.apache.level=WARN
logger.statechange.name=state.change.logger
logger.statechange.level=WARN
PROPS
}

kafka_java() { java -Xms256m -Xmx512m -cp "$(cat "$CP_FILE")" \
  -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" "$@"; }

start() {
  if pid_alive "$PID_FILE"; then log "already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; return 0; fi
  if port_open 127.0.0.1 "$PORT"; then log "something already listens on 127.0.0.1:$PORT; using it as the broker"; return 0; fi
  resolve_classpath
  write_config
  if [ ! -f "$DATA_DIR/meta.properties" ]; then
    log "formatting storage in $DATA_DIR"
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      -c "$CONF" >>"$LOG_FILE" 2>&1 || { tail -n 20 "$LOG_FILE" >&2; fail "formatting Kafka storage failed"; }
  fi
  log "starting the broker; log: $LOG_FILE"
  nohup java -Xms256m -Xmx512m -cp "$(cat "$CP_FILE")" \
    -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
    kafka.Kafka "$CONF" >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_for_port kafka 127.0.0.1 "$PORT" 90 "$LOG_FILE" "$PID_FILE"
  create_topics
  log "ready on 127.0.0.1:$PORT"
}

# Topics exist before any service starts, so consumers never race the broker's auto-creation.
create_topics() {
  for topic in $TOPICS; do
    # A broker restarted on its data has its topics: asking costs a JVM start per topic, seconds each,
    # and the broker is back the moment it accepts connections (the fault suite measures from there).
    [ -d "$DATA_DIR/$topic-0" ] && continue
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --create \
      --if-not-exists --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1 \
      >>"$LOG_FILE" 2>&1 || fail "could not create topic $topic; see $LOG_FILE"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid kafka "$PID_FILE" ;;
  status) pid_alive "$PID_FILE" && log "running (pid $(cat "$PID_FILE"))" || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
