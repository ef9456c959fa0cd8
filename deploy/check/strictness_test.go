package check

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"sigs.k8s.io/yaml"
)

// The checks above are only worth something if a typo fails them.
func TestStrictChecksRefuseTypos(t *testing.T) {
	var d appsv1.Deployment
	if err := yaml.UnmarshalStrict([]byte("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replica: 2\n"), &d); err == nil {
		t.Error("a misspelled Deployment field was accepted")
	}
	schema := kedaSchema(t, "keda.sh_scaledobjects.yaml")
	object := map[string]any{}
	asJSON(t, "typo", []byte(`apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: x}
spec:
  scaleTargetRef: {name: x}
  maxReplicas: 3
  triggers: [{type: kafka, metadata: {topic: t}}]
`), &object)
	if problems := validateSchema("ScaledObject/x", object, schema); len(problems) != 1 {
		t.Errorf("want exactly the unknown field maxReplicas reported, got %v", problems)
	}
	object["spec"].(map[string]any)["minReplicaCount"] = "two"
	delete(object["spec"].(map[string]any), "maxReplicas")
	if problems := validateSchema("ScaledObject/x", object, schema); len(problems) != 1 {
		t.Errorf("want the mistyped minReplicaCount reported, got %v", problems)
	}
	var user kafkaUser
	if err := yaml.UnmarshalStrict([]byte("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaUser\nspec:\n  authorization:\n    acl: []\n"), &user); err == nil {
		t.Error("a misspelled KafkaUser field was accepted")
	}
}
