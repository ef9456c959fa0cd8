package check

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

const repo = "../.."

var serviceNames = []string{"token-service", "presence-service", "session-service"}

// kedaVersion is the KEDA release whose CRD schema ScaledObjects are checked against; its module
// comes from the Go module proxy like any other dependency.
const kedaVersion = "v2.18.0"

// kafkaTopic is Strimzi's KafkaTopic v1beta2 (Strimzi publishes no Go model or offline schema).
type kafkaTopic struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       struct {
		TopicName  string            `json:"topicName,omitempty"`
		Partitions int32             `json:"partitions"`
		Replicas   int32             `json:"replicas"`
		Config     map[string]string `json:"config,omitempty"`
	} `json:"spec"`
}

// kafkaUser is Strimzi's KafkaUser v1beta2: how a service authenticates and what its ACLs allow.
type kafkaUser struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       struct {
		Authentication struct {
			Type string `json:"type"`
		} `json:"authentication"`
		Authorization struct {
			Type string `json:"type"`
			ACLs []struct {
				Resource struct {
					Type        string `json:"type"`
					Name        string `json:"name"`
					PatternType string `json:"patternType,omitempty"`
				} `json:"resource"`
				Operations []string `json:"operations"`
				Host       string   `json:"host,omitempty"`
			} `json:"acls"`
		} `json:"authorization"`
	} `json:"spec"`
}

// allows lists, per topic, the operations the user's ACLs grant.
func (u kafkaUser) allows() map[string]map[string]bool {
	topics := map[string]map[string]bool{}
	for _, acl := range u.Spec.Authorization.ACLs {
		if acl.Resource.Type != "topic" {
			continue
		}
		if topics[acl.Resource.Name] == nil {
			topics[acl.Resource.Name] = map[string]bool{}
		}
		for _, operation := range acl.Operations {
			topics[acl.Resource.Name][operation] = true
		}
	}
	return topics
}

func services(t *testing.T) map[string]service {
	t.Helper()
	all := map[string]service{}
	for _, name := range serviceNames {
		s, err := loadService(repo, name)
		if err != nil {
			t.Fatalf("reading %s's configuration: %v", name, err)
		}
		if s.port == 0 {
			t.Fatalf("%s: no quarkus.http.port=${PORT:…} in application.properties", name)
		}
		all[name] = s
	}
	return all
}

// composeSecrets are the settings compose refuses to start without.
var composeSecrets = []string{"LIVEKIT_API_KEY=prod-key", "LIVEKIT_API_SECRET=prod-secret-0123456789abcdef0123456789",
	"POSTGRES_PASSWORD=prod-password"}

// loadCompose loads docker-compose.yml as `docker compose` would with these environment variables.
func loadCompose(env []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions([]string{filepath.Join(repo, "docker-compose.yml")},
		cli.WithWorkingDirectory(repo), cli.WithName("rendezvous"), cli.WithEnv(env))
	if err != nil {
		return nil, err
	}
	return cli.ProjectFromOptions(context.Background(), options)
}

func TestComposeFileIsValidAndMatchesTheServices(t *testing.T) {
	project, err := loadCompose(composeSecrets)
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	for name, s := range services(t) {
		config, ok := project.Services[name]
		if !ok {
			t.Errorf("docker-compose.yml has no service %s", name)
			continue
		}
		published := false
		for _, port := range config.Ports {
			published = published || int(port.Target) == s.port
		}
		if !published {
			t.Errorf("compose %s does not publish its port %d", name, s.port)
		}
		for variable := range config.Environment {
			if !s.reads(variable) {
				t.Errorf("compose %s sets %s, which the service does not read", name, variable)
			}
		}
		if config.HealthCheck == nil || !strings.Contains(strings.Join(config.HealthCheck.Test, " "),
			fmt.Sprintf("localhost:%d/q/health/", s.port)) {
			t.Errorf("compose %s has no health check on its /q/health endpoint", name)
		}
		if config.Build == nil {
			t.Errorf("compose %s is not built from its module", name)
		}
	}
	for _, name := range []string{"kafka", "postgres", "livekit", "demo"} {
		if _, ok := project.Services[name]; !ok {
			t.Errorf("docker-compose.yml has no %s", name)
		}
	}
}

func TestOverlaysRenderAndParseStrictly(t *testing.T) {
	for _, overlay := range []string{"dev", "prod"} {
		t.Run(overlay, func(t *testing.T) {
			checkRendered(t, renderOverlay(t, overlay), overlay == "prod")
		})
	}
}

// overlayFiles is deploy/k8s in memory, plus the dev overlay's JWT public key, which the repository
// does not hold (each developer generates a key pair; a committed one would let anyone mint JWTs).
func overlayFiles(t *testing.T) filesys.FileSystem {
	fs := filesys.MakeFsInMemory()
	root, err := filepath.Abs(filepath.Join(repo, "deploy/k8s"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(path string, entry os.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return fs.WriteFile(path, content)
	})
	if err != nil {
		t.Fatal(err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	public, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	devKey := filepath.Join(root, "overlays/dev/dev-publicKey.pem")
	if err := fs.WriteFile(devKey, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: public})); err != nil {
		t.Fatal(err)
	}
	return fs
}

// Ended means closed: every LiveKit config we ship creates no room on a join (token-service opens them).
func TestShippedLiveKitConfigsCreateNoRoomOnJoin(t *testing.T) {
	for _, file := range []string{"docker-compose.yml", "deploy/local/livekit.sh"} {
		content, err := os.ReadFile(filepath.Join(repo, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(content), "auto_create: false") {
			t.Errorf("%s: LiveKit's room.auto_create is not false", file)
		}
	}
}

func TestNoDevelopmentKeyIsCommitted(t *testing.T) {
	out, err := exec.Command("git", "-C", repo, "ls-files", "deploy/k8s/overlays/dev/dev-publicKey.pem").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	if strings.TrimSpace(string(out)) != "" {
		t.Error("deploy/k8s/overlays/dev/dev-publicKey.pem is committed: generate it per developer (see the README)")
	}
}

// rendered is one object of a rendering (kustomize or Helm), as YAML.
type rendered struct {
	kind, name string
	document   []byte
}

// renderOverlay is `kustomize build deploy/k8s/overlays/<overlay>`, with kustomize's own API.
func renderOverlay(t *testing.T, overlay string) []rendered {
	t.Helper()
	absolute, err := filepath.Abs(filepath.Join(repo, "deploy/k8s/overlays", overlay))
	if err != nil {
		t.Fatal(err)
	}
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(overlayFiles(t), absolute)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", overlay, err)
	}
	var objects []rendered
	for _, resource := range resources.Resources() {
		document, err := resource.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		objects = append(objects, rendered{resource.GetKind(), resource.GetName(), document})
	}
	return objects
}

// checkRendered holds every object of a rendering to its API's schema and to what the services read;
// production also wants TLS for every host of an Ingress.
func checkRendered(t *testing.T, objects []rendered, production bool) {
	t.Helper()
	scaledObjectSchema := kedaSchema(t, "keda.sh_scaledobjects.yaml")
	triggerAuthenticationSchema := kedaSchema(t, "keda.sh_triggerauthentications.yaml")
	users := map[string]kafkaUser{}
	all := services(t)
	known, err := meterNames(repo)
	if err != nil {
		t.Fatal(err)
	}
	configKeys := map[string]bool{}
	partitions := map[string]int32{}
	var maxReplicas []int32
	kinds := map[string]int{}
	var scalerUsers []string
	var ingresses []networkingv1.Ingress
	for _, object := range objects {
		document, kind, name := object.document, object.kind, object.name
		kinds[kind]++
		where := kind + "/" + name
		switch kind {
		case "Deployment":
			var d appsv1.Deployment
			strict(t, where, document, &d)
			checkDeployment(t, d, all)
		case "Service":
			var s corev1.Service
			strict(t, where, document, &s)
			if svc, ok := all[name]; ok && s.Spec.Ports[0].Port != int32(svc.port) {
				t.Errorf("%s: port %d, the service listens on %d", where, s.Spec.Ports[0].Port, svc.port)
			}
		case "ConfigMap":
			var c corev1.ConfigMap
			strict(t, where, document, &c)
			if c.Labels["grafana_dashboard"] != "" {
				checkDashboard(t, where, c, known)
				break
			}
			for key := range c.Data {
				configKeys[key] = true
			}
		case "Secret":
			strict(t, where, document, &corev1.Secret{})
		case "PodDisruptionBudget":
			strict(t, where, document, &policyv1.PodDisruptionBudget{})
		case "HorizontalPodAutoscaler":
			var h autoscalingv2.HorizontalPodAutoscaler
			strict(t, where, document, &h)
			if h.Spec.Metrics[0].Resource == nil || h.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU {
				t.Errorf("%s: should scale on CPU", where)
			}
		case "NetworkPolicy":
			var policy networkingv1.NetworkPolicy
			strict(t, where, document, &policy)
			// The HTTP port serves /q/metrics and /q/openapi too: who reaches it is decided by source.
			for _, rule := range policy.Spec.Ingress {
				if len(rule.From) == 0 {
					t.Errorf("%s: an ingress rule open to every pod (name its sources)", where)
				}
			}
		case "ScaledObject":
			object := map[string]any{}
			asJSON(t, where, document, &object)
			for _, problem := range validateSchema(where, object, scaledObjectSchema) {
				t.Error(problem)
			}
			spec := object["spec"].(map[string]any)
			maxReplicas = append(maxReplicas, int32(spec["maxReplicaCount"].(float64)))
		case "KafkaTopic":
			var topic kafkaTopic
			strict(t, where, document, &topic)
			partitions[name] = topic.Spec.Partitions
		case "KafkaUser":
			var user kafkaUser
			strict(t, where, document, &user)
			if user.Spec.Authentication.Type != "scram-sha-512" || user.Spec.Authorization.Type != "simple" {
				t.Errorf("%s: should authenticate with scram-sha-512 and be authorised by ACLs", where)
			}
			users[name] = user
		case "TriggerAuthentication":
			object := map[string]any{}
			asJSON(t, where, document, &object)
			for _, problem := range validateSchema(where, object, triggerAuthenticationSchema) {
				t.Error(problem)
			}
			for _, ref := range object["spec"].(map[string]any)["secretTargetRef"].([]any) {
				if r := ref.(map[string]any); r["parameter"] == "username" {
					scalerUsers = append(scalerUsers, r["name"].(string))
				}
			}
		case "Ingress":
			var ingress networkingv1.Ingress
			strict(t, where, document, &ingress)
			checkIngress(t, where, ingress, all)
			ingresses = append(ingresses, ingress)
		case "ServiceMonitor":
			var monitor monitoringv1.ServiceMonitor
			strict(t, where, document, &monitor)
			if monitor.Spec.Selector.MatchLabels["app.kubernetes.io/name"] != name || len(monitor.Spec.Endpoints) != 1 ||
				monitor.Spec.Endpoints[0].Path != "/q/metrics" || monitor.Spec.Endpoints[0].Port != "http" {
				t.Errorf("%s: should scrape /q/metrics on the http port of the Service %s", where, name)
			}
		case "PrometheusRule":
			var rule monitoringv1.PrometheusRule
			strict(t, where, document, &rule)
			checkRules(t, where, rule, known)
		default:
			t.Errorf("%s: no strict check for kind %s", where, kind)
		}
	}
	for key := range configKeys {
		readBySome := false
		for _, s := range all {
			readBySome = readBySome || s.reads(key)
		}
		if !readBySome {
			t.Errorf("ConfigMap key %s is read by no service", key)
		}
	}
	for _, max := range maxReplicas {
		if max > partitions["participant-events"] {
			t.Errorf("ScaledObject maxReplicaCount %d is above participant-events' %d partitions", max, partitions["participant-events"])
		}
	}
	for _, kind := range []string{"Deployment", "Service", "HorizontalPodAutoscaler", "ScaledObject", "PodDisruptionBudget",
		"KafkaTopic", "NetworkPolicy", "ConfigMap", "PrometheusRule"} {
		if kinds[kind] == 0 {
			t.Errorf("the rendering has no %s", kind)
		}
	}
	if kinds["Deployment"] != 3 || kinds["KafkaTopic"] != 5 || kinds["HorizontalPodAutoscaler"] != 2 || kinds["ServiceMonitor"] != 3 {
		t.Errorf("want 3 Deployments, 5 KafkaTopics, 2 HPAs and 3 ServiceMonitors, got %v", kinds)
	}
	checkKafkaUsers(t, users, all)
	// A scaler reads lag with credentials that can read no record and write nothing.
	for _, name := range scalerUsers {
		user, ok := users[name]
		if !ok {
			t.Errorf("TriggerAuthentication uses %s, which is no KafkaUser of the rendering", name)
		}
		for topic, operations := range user.allows() {
			if operations["Read"] || operations["Write"] {
				t.Errorf("KEDA's KafkaUser %s may read or write %s: it needs Describe only", name, topic)
			}
		}
	}
	if production {
		if len(ingresses) == 0 {
			t.Error("production renders no Ingress")
		}
		for _, ingress := range ingresses {
			covered := map[string]bool{}
			for _, tls := range ingress.Spec.TLS {
				for _, host := range tls.Hosts {
					covered[host] = true
				}
			}
			for _, rule := range ingress.Spec.Rules {
				if rule.Host != "" && !covered[rule.Host] {
					t.Errorf("Ingress %s: host %s has no TLS in production", ingress.Name, rule.Host)
				}
			}
		}
	}
	// session-service writes what it cannot fold to <topic>-dlq: each needs its topic.
	for _, topic := range []string{"participant-events", "token-events", "session-signals", "participant-events-dlq", "token-events-dlq"} {
		if _, ok := partitions[topic]; !ok {
			t.Errorf("the rendering has no KafkaTopic %s", topic)
		}
	}
}

func checkDeployment(t *testing.T, d appsv1.Deployment, all map[string]service) {
	s, ok := all[d.Name]
	if !ok {
		t.Errorf("Deployment %s is no Rendezvous service", d.Name)
		return
	}
	c := d.Spec.Template.Spec.Containers[0]
	if c.Ports[0].ContainerPort != int32(s.port) {
		t.Errorf("Deployment %s: containerPort %d, the service listens on %d", d.Name, c.Ports[0].ContainerPort, s.port)
	}
	for probe, want := range map[*corev1.Probe]string{c.StartupProbe: "/q/health/started", c.LivenessProbe: "/q/health/live",
		c.ReadinessProbe: "/q/health/ready"} {
		if probe == nil || probe.HTTPGet == nil || probe.HTTPGet.Path != want {
			t.Errorf("Deployment %s: want a probe on %s", d.Name, want)
		}
	}
	for _, env := range c.Env {
		if !s.reads(env.Name) {
			t.Errorf("Deployment %s sets %s, which the service does not read", d.Name, env.Name)
		}
	}
	pod := d.Spec.Template.Spec
	if pod.SecurityContext == nil || pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot {
		t.Errorf("Deployment %s does not run as non-root", d.Name)
	}
	if c.SecurityContext == nil || c.SecurityContext.ReadOnlyRootFilesystem == nil || !*c.SecurityContext.ReadOnlyRootFilesystem {
		t.Errorf("Deployment %s: root filesystem is not read-only", d.Name)
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Errorf("Deployment %s: no CPU request or memory limit", d.Name)
	}
}

// strict decodes a rendered document into its API type, refusing unknown or mistyped fields.
func strict(t *testing.T, where string, document []byte, into any) {
	t.Helper()
	if err := yaml.UnmarshalStrict(document, into); err != nil {
		t.Errorf("%s does not parse strictly: %v", where, err)
	}
}

func asJSON(t *testing.T, where string, document []byte, into any) {
	t.Helper()
	data, err := yaml.YAMLToJSON(document)
	if err == nil {
		err = json.Unmarshal(data, into)
	}
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
}

// kedaSchema is the openAPIV3Schema of KEDA's ScaledObject CRD, from the KEDA module's source.
func kedaSchema(t *testing.T, crdFile string) map[string]any {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/kedacore/keda/v2@"+kedaVersion).Output()
	if err != nil {
		t.Fatalf("go mod download keda: %v", err)
	}
	var module struct{ Dir string }
	if err := json.Unmarshal(out, &module); err != nil {
		t.Fatal(err)
	}
	document, err := os.ReadFile(filepath.Join(module.Dir, "config/crd/bases", crdFile))
	if err != nil {
		t.Fatal(err)
	}
	var crd struct {
		Spec struct {
			Versions []struct {
				Name   string `json:"name"`
				Schema struct {
					OpenAPIV3Schema map[string]any `json:"openAPIV3Schema"`
				} `json:"schema"`
			} `json:"versions"`
		} `json:"spec"`
	}
	asJSON(t, "keda CRD", document, &crd)
	for _, version := range crd.Spec.Versions {
		if version.Name == "v1alpha1" {
			return version.Schema.OpenAPIV3Schema
		}
	}
	t.Fatal("KEDA's CRD has no v1alpha1 schema")
	return nil
}

// LiveKit in compose signs webhooks with the key the services verify, whatever LIVEKIT_API_KEY is,
// and announces media on an address a browser on the host can reach.
func TestComposeLiveKitSignsWebhooksWithTheServicesKey(t *testing.T) {
	project, err := loadCompose(composeSecrets)
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	livekit := project.Services["livekit"]
	body := livekit.Environment["LIVEKIT_CONFIG"]
	if body == nil {
		t.Fatal("compose livekit has no LIVEKIT_CONFIG")
	}
	var config struct {
		Webhook struct {
			APIKey string   `json:"api_key"`
			URLs   []string `json:"urls"`
		} `json:"webhook"`
	}
	// Only the webhook part is read here; the other keys are LiveKit's to check.
	if err := yaml.Unmarshal([]byte(*body), &config); err != nil {
		t.Fatalf("compose livekit's LIVEKIT_CONFIG is not YAML: %v", err)
	}
	presence := project.Services["presence-service"].Environment["LIVEKIT_API_KEY"]
	if presence == nil || *presence != "prod-key" || config.Webhook.APIKey != "prod-key" {
		t.Errorf("webhooks are signed with %q but presence-service verifies with %v", config.Webhook.APIKey, presence)
	}
	if len(config.Webhook.URLs) != 1 || !strings.Contains(config.Webhook.URLs[0], "presence-service:8082/v1/livekit/webhook") {
		t.Errorf("LiveKit's webhooks go to %v, not presence-service", config.Webhook.URLs)
	}
	if ip := livekit.Environment["NODE_IP"]; ip == nil || *ip == "" {
		t.Error("compose livekit sets no NODE_IP: media would be announced on the container's address")
	}
}

// Without LiveKit's key and secret (or the database password) compose refuses to start and names
// what to set: a default would be a key everybody knows, able to sign webhooks for any session.
func TestComposeRefusesToStartWithoutItsSecrets(t *testing.T) {
	for i, secret := range composeSecrets {
		name := strings.SplitN(secret, "=", 2)[0]
		without := append(append([]string{}, composeSecrets[:i]...), composeSecrets[i+1:]...)
		_, err := loadCompose(without)
		if err == nil {
			t.Errorf("compose starts without %s", name)
		} else if !strings.Contains(err.Error(), name) {
			t.Errorf("compose refuses to start without %s but does not name it: %v", name, err)
		}
	}
}

// Every port compose publishes listens on 127.0.0.1 unless RENDEZVOUS_BIND says otherwise; the demo
// page, whose development endpoint mints JWTs for anyone who reaches it, on 127.0.0.1 always.
func TestComposePublishesOnLoopbackUnlessToldOtherwise(t *testing.T) {
	for bind, want := range map[string]string{"": "127.0.0.1", "192.168.1.20": "192.168.1.20"} {
		env := composeSecrets
		if bind != "" {
			env = append(append([]string{}, composeSecrets...), "RENDEZVOUS_BIND="+bind)
		}
		project, err := loadCompose(env)
		if err != nil {
			t.Fatalf("docker-compose.yml does not load: %v", err)
		}
		published := 0
		for name, service := range project.Services {
			for _, port := range service.Ports {
				published++
				if name == "demo" && port.HostIP != "127.0.0.1" {
					t.Errorf("compose publishes the demo's JWT endpoint on %q", port.HostIP)
				} else if name != "demo" && port.HostIP != want {
					t.Errorf("compose %s publishes %d on %q, want %q", name, port.Target, port.HostIP, want)
				}
			}
		}
		if published == 0 {
			t.Error("compose publishes no port")
		}
	}
}

// Each service reaches Kafka as its own user, and the ACLs give each what its code uses and no more:
// only session-service writes session-signals (token-service takes rosters from it, and room closes from
// participant-events), only
// presence-service and session-service write participant-events, only token-service token-events.
func checkKafkaUsers(t *testing.T, users map[string]kafkaUser, all map[string]service) {
	for name := range all {
		if _, ok := users[name]; !ok {
			t.Errorf("no KafkaUser for %s", name)
		}
	}
	writers := map[string][]string{
		"session-signals":        {"session-service"},
		"participant-events":     {"presence-service", "session-service"},
		"token-events":           {"token-service"},
		"participant-events-dlq": {"session-service"},
		"token-events-dlq":       {"session-service"},
	}
	for topic, want := range writers {
		var got []string
		for name, user := range users {
			if user.allows()[topic]["Write"] || user.allows()[topic]["All"] {
				got = append(got, name)
			}
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s is writable by %v, want %v", topic, got, want)
		}
	}
	for user, topics := range map[string][]string{"session-service": {"participant-events", "token-events", "session-signals"},
		"token-service": {"session-signals", "participant-events"}} {
		for _, topic := range topics {
			if !users[user].allows()[topic]["Read"] {
				t.Errorf("%s cannot read %s, which it consumes", user, topic)
			}
		}
	}
}
