package check

import (
	"encoding/json"
	"testing"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// Every alert holds for a while before it fires, says how bad it is, and uses only metrics something exposes.
func checkRules(t *testing.T, where string, rule monitoringv1.PrometheusRule, known map[string]bool) {
	alerts := 0
	for _, group := range rule.Spec.Groups {
		for _, r := range group.Rules {
			if r.Alert == "" {
				continue
			}
			alerts++
			if r.For == nil || *r.For == "" {
				t.Errorf("%s: alert %s has no for:", where, r.Alert)
			}
			if severity := r.Labels["severity"]; severity != "critical" && severity != "warning" {
				t.Errorf("%s: alert %s has severity %q, want critical or warning", where, r.Alert, severity)
			}
			if r.Annotations["summary"] == "" {
				t.Errorf("%s: alert %s has no summary", where, r.Alert)
			}
			if unknown := unknownMetrics(r.Expr.String(), known); len(unknown) > 0 {
				t.Errorf("%s: alert %s uses metrics nothing exposes: %v", where, r.Alert, unknown)
			}
		}
	}
	if alerts < 8 {
		t.Errorf("%s: %d alerts; the README's operations section names more", where, alerts)
	}
}

// The dashboard is Grafana JSON whose every query uses metrics something exposes.
func checkDashboard(t *testing.T, where string, c corev1.ConfigMap, known map[string]bool) {
	for file, content := range c.Data {
		var dashboard struct {
			Title  string `json:"title"`
			Panels []struct {
				Title   string `json:"title"`
				Targets []struct {
					Expr string `json:"expr"`
				} `json:"targets"`
			} `json:"panels"`
		}
		if err := json.Unmarshal([]byte(content), &dashboard); err != nil {
			t.Errorf("%s: %s is not JSON: %v", where, file, err)
			continue
		}
		if dashboard.Title == "" || len(dashboard.Panels) == 0 {
			t.Errorf("%s: %s has no title or no panels", where, file)
		}
		for _, panel := range dashboard.Panels {
			if len(panel.Targets) == 0 {
				t.Errorf("%s: panel %q queries nothing", where, panel.Title)
			}
			for _, target := range panel.Targets {
				if unknown := unknownMetrics(target.Expr, known); len(unknown) > 0 {
					t.Errorf("%s: panel %q uses metrics nothing exposes: %v", where, panel.Title, unknown)
				}
			}
		}
	}
}

// The ingress routes browsers to token-service and session-service without buffering the event stream.
func checkIngress(t *testing.T, where string, ingress networkingv1.Ingress, all map[string]service) {
	if ingress.Annotations["nginx.ingress.kubernetes.io/proxy-buffering"] != "off" {
		t.Errorf("%s: the event stream would be buffered (proxy-buffering is not off)", where)
	}
	if ingress.Annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"] == "" {
		t.Errorf("%s: no read timeout: streams would be cut at the controller's default 60 s", where)
	}
	routed := map[string]bool{}
	for _, rule := range ingress.Spec.Rules {
		for _, path := range rule.HTTP.Paths {
			backend := path.Backend.Service
			if _, ok := all[backend.Name]; !ok || backend.Port.Name != "http" {
				t.Errorf("%s: %s%s goes to %s:%s, not a Rendezvous service's http port", where, rule.Host, path.Path,
					backend.Name, backend.Port.Name)
			}
			routed[backend.Name] = true
		}
	}
	if !routed["token-service"] || !routed["session-service"] {
		t.Errorf("%s: browsers need both token-service and session-service, routed: %v", where, routed)
	}
}
