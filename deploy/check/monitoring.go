package check

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// What the services expose on /q/metrics under the rendezvous prefix, read from the meter names
// their sources register ("rendezvous.fold.latency" is exposed as rendezvous_fold_latency_seconds_*).
func meterNames(repo string) (map[string]bool, error) {
	literal := regexp.MustCompile(`"(rendezvous(?:\.[a-z]+)+)"`)
	names := map[string]bool{}
	for _, service := range []string{"token-service", "presence-service", "session-service"} {
		root := filepath.Join(repo, service, "src/main/java")
		err := filepath.WalkDir(root, func(path string, entry os.DirEntry, err error) error {
			if err != nil || entry.IsDir() || !strings.HasSuffix(path, ".java") {
				return err
			}
			source, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, line := range strings.Split(string(source), "\n") {
				if !strings.Contains(line, "counter(") && !strings.Contains(line, "Timer.builder(") &&
					!strings.Contains(line, "gauge(") && !strings.Contains(line, "Counter.builder(") {
					continue
				}
				for _, match := range literal.FindAllStringSubmatch(line, -1) {
					names[strings.ReplaceAll(match[1], ".", "_")] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return names, nil
}

// Metrics from elsewhere that the rules and the dashboard may use: Prometheus' own, kube-state-metrics',
// and the Kafka client's (Micrometer's Kafka binder, on by default in Quarkus).
var foreignMetrics = map[string]bool{
	"up": true, "kube_deployment_status_replicas_unavailable": true, "kafka_consumer_fetch_manager_records_lag_max": true,
}

var metricSuffixes = []string{"", "_total", "_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max", "_seconds"}

// unknownMetrics returns the metric names a PromQL expression uses that nothing exposes.
func unknownMetrics(expr string, known map[string]bool) []string {
	var unknown []string
	for _, name := range regexp.MustCompile(`\b(rendezvous_[a-z_]+|kafka_[a-z_]+|kube_[a-z_]+|up)\b`).FindAllString(expr, -1) {
		if foreignMetrics[name] {
			continue
		}
		found := false
		for _, suffix := range metricSuffixes {
			found = found || (strings.HasSuffix(name, suffix) && known[strings.TrimSuffix(name, suffix)])
		}
		if !found {
			unknown = append(unknown, name)
		}
	}
	return unknown
}
