// Package check validates the deployment files offline: the compose file with the Compose
// Specification's own loader, the kustomize overlays rendered with kustomize's API and decoded
// strictly into the Kubernetes API types, KEDA objects against KEDA's published CRD schema, and
// Strimzi topics against their v1beta2 model; and it checks that ports, probe paths and
// environment names agree with the services' configuration.
package check

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// validateSchema checks a value against a CRD's openAPIV3Schema, strictly: a field the schema
// does not declare is an error (the API server would silently prune it).
func validateSchema(path string, value any, schema map[string]any) []string {
	var errs []string
	if enum, ok := schema["enum"].([]any); ok && !contains(enum, value) {
		errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", path, value, enum))
	}
	if intOrString, _ := schema["x-kubernetes-int-or-string"].(bool); intOrString {
		return errs
	}
	switch schema["type"] {
	case "object":
		object, ok := value.(map[string]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want an object, got %T", path, value))
		}
		for _, name := range toStrings(schema["required"]) {
			if _, present := object[name]; !present {
				errs = append(errs, fmt.Sprintf("%s: %s is required", path, name))
			}
		}
		properties, _ := schema["properties"].(map[string]any)
		additional, _ := schema["additionalProperties"].(map[string]any)
		preserve, _ := schema["x-kubernetes-preserve-unknown-fields"].(bool)
		for _, name := range sortedKeys(object) {
			if property, known := properties[name].(map[string]any); known {
				errs = append(errs, validateSchema(path+"."+name, object[name], property)...)
			} else if additional != nil {
				errs = append(errs, validateSchema(path+"."+name, object[name], additional)...)
			} else if !preserve && properties != nil {
				errs = append(errs, fmt.Sprintf("%s: unknown field %q", path, name))
			}
		}
	case "array":
		items, ok := value.([]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want an array, got %T", path, value))
		}
		if itemSchema, ok := schema["items"].(map[string]any); ok {
			for i, item := range items {
				errs = append(errs, validateSchema(fmt.Sprintf("%s[%d]", path, i), item, itemSchema)...)
			}
		}
	case "string":
		if _, ok := value.(string); !ok {
			errs = append(errs, fmt.Sprintf("%s: want a string, got %T", path, value))
		}
	case "integer":
		if n, ok := value.(float64); !ok || n != math.Trunc(n) {
			errs = append(errs, fmt.Sprintf("%s: want an integer, got %v", path, value))
		}
	case "number":
		if _, ok := value.(float64); !ok {
			errs = append(errs, fmt.Sprintf("%s: want a number, got %T", path, value))
		}
	case "boolean":
		if _, ok := value.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: want a boolean, got %T", path, value))
		}
	}
	return errs
}

func contains(values []any, value any) bool {
	for _, v := range values {
		if fmt.Sprint(v) == fmt.Sprint(value) {
			return true
		}
	}
	return false
}

func toStrings(value any) []string {
	list, _ := value.([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
