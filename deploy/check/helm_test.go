package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/yaml"
)

// The chart (deploy/helm/rendezvous) is checked with the helm binary deploy/local/helm.sh builds
// (Helm v4.3.2 from the Go module proxy): HELM names it, else the one on PATH, else that cache.
var chart = filepath.Join(repo, "deploy/helm/rendezvous")

const productionValues = "values-production.yaml"

func helmBinary(t *testing.T) string {
	t.Helper()
	if path := os.Getenv("HELM"); path != "" {
		return path
	}
	if path, err := exec.LookPath("helm"); err == nil {
		return path
	}
	cache := os.Getenv("RENDEZVOUS_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache/rendezvous")
	}
	path := filepath.Join(cache, "helm-v4.3.2/helm")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no helm binary: run deploy/local/helm.sh install (or set HELM)")
	}
	return path
}

func helm(t *testing.T, args ...string) []byte {
	t.Helper()
	command := exec.Command(helmBinary(t), args...)
	var stderr bytes.Buffer
	command.Stderr = &stderr
	out, err := command.Output()
	if err != nil {
		t.Fatalf("helm %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return out
}

// renderChart is `helm template` of the chart into the namespace the prod overlay uses.
func renderChart(t *testing.T, args ...string) []rendered {
	t.Helper()
	out := helm(t, append([]string{"template", "rendezvous", chart, "--namespace", "rendezvous"}, args...)...)
	var objects []rendered
	for _, document := range strings.Split(string(out), "\n---\n") {
		var meta struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal([]byte(document), &meta); err != nil {
			t.Fatalf("helm template wrote a document that is no YAML: %v\n%s", err, document)
		}
		if meta.Kind == "" {
			continue // only comments
		}
		objects = append(objects, rendered{meta.Kind, meta.Metadata.Name, []byte(document)})
	}
	return objects
}

func TestHelmChartLints(t *testing.T) {
	helm(t, "lint", "--strict", chart)
	helm(t, "lint", "--strict", chart, "--values", filepath.Join(chart, productionValues))
}

func TestHelmChartRendersAndParsesStrictly(t *testing.T) {
	t.Run("default", func(t *testing.T) {
		objects := renderChart(t)
		checkRendered(t, objects, false)
		for _, object := range objects {
			if object.kind == "Secret" {
				t.Errorf("the chart renders Secret %s: secrets are referenced, never values", object.name)
			}
			if object.kind == "Ingress" {
				t.Errorf("the chart renders an Ingress without a host")
			}
		}
	})
	t.Run("production", func(t *testing.T) {
		checkRendered(t, renderChart(t, "--values", filepath.Join(chart, productionValues)), true)
	})
}

// A host set, even without the production values, is served over TLS only.
func TestHelmChartIngressHasTLSForEveryHost(t *testing.T) {
	objects := renderChart(t, "--set", "ingress.hosts.sessions=sessions.example.org")
	found := false
	for _, object := range objects {
		if object.kind != "Ingress" {
			continue
		}
		found = true
		var ingress networkingv1.Ingress
		strict(t, "Ingress", object.document, &ingress)
		if len(ingress.Spec.Rules) != 1 || ingress.Spec.Rules[0].Host != "sessions.example.org" {
			t.Errorf("want one rule for sessions.example.org, got %+v", ingress.Spec.Rules)
		}
		if len(ingress.Spec.TLS) != 1 || strings.Join(ingress.Spec.TLS[0].Hosts, ",") != "sessions.example.org" {
			t.Errorf("want TLS for sessions.example.org, got %+v", ingress.Spec.TLS)
		}
		if ingress.Annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"] != "true" {
			t.Error("plain HTTP is not redirected to HTTPS")
		}
	}
	if !found {
		t.Fatal("a host set renders no Ingress")
	}
}

// The chart and the kustomize base cannot drift apart silently: with production values the chart
// renders every object of the prod overlay, field for field, and nothing else. Only Helm's own labels
// and the pods' config checksum (a changed setting rolls them) are the chart's additions.
func TestHelmProductionMatchesKustomizeProd(t *testing.T) {
	want := normalised(t, renderOverlay(t, "prod"))
	got := normalised(t, renderChart(t, "--values", filepath.Join(chart, productionValues)))
	for _, key := range sortedKeys(want) {
		if _, ok := got[key]; !ok {
			t.Errorf("%s: in the kustomize prod overlay, not in the chart", key)
			continue
		}
		for _, difference := range differences(key, want[key], got[key]) {
			t.Error(difference)
		}
	}
	for _, key := range sortedKeys(got) {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: in the chart, not in the kustomize prod overlay", key)
		}
	}
}

var helmOnlyLabels = []string{"helm.sh/chart", "app.kubernetes.io/managed-by", "app.kubernetes.io/instance", "app.kubernetes.io/version"}

// normalised maps kind/name to the object as JSON values, without what only Helm adds.
func normalised(t *testing.T, objects []rendered) map[string]any {
	t.Helper()
	byKey := map[string]any{}
	for _, object := range objects {
		var value map[string]any
		asJSON(t, object.kind+"/"+object.name, object.document, &value)
		if labels, ok := dig(value, "metadata", "labels").(map[string]any); ok {
			for _, label := range helmOnlyLabels {
				delete(labels, label)
			}
		}
		if annotations, ok := dig(value, "spec", "template", "metadata", "annotations").(map[string]any); ok {
			delete(annotations, "checksum/config")
		}
		byKey[object.kind+"/"+object.name] = value
	}
	return byKey
}

func dig(value any, path ...string) any {
	for _, key := range path {
		m, ok := value.(map[string]any)
		if !ok {
			return nil
		}
		value = m[key]
	}
	return value
}

// differences names each path where two JSON values differ.
func differences(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			break
		}
		var found []string
		keys := map[string]bool{}
		for key := range w {
			keys[key] = true
		}
		for key := range g {
			keys[key] = true
		}
		names := make([]string, 0, len(keys))
		for key := range keys {
			names = append(names, key)
		}
		sort.Strings(names)
		for _, key := range names {
			found = append(found, differences(path+"."+key, w[key], g[key])...)
		}
		return found
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			break
		}
		var found []string
		for i := range w {
			found = append(found, differences(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return found
	}
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(got)
	if bytes.Equal(wantJSON, gotJSON) {
		return nil
	}
	return []string{fmt.Sprintf("%s: kustomize prod %s, chart %s", path, shorten(wantJSON), shorten(gotJSON))}
}

func shorten(value []byte) string {
	if len(value) > 200 {
		return string(value[:200]) + "…"
	}
	return string(value)
}
