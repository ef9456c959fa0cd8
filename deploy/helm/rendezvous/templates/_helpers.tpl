{{/* Labels on every object: kustomize's part-of, and Helm's own (deploy/check ignores only these when comparing). */}}
{{- define "rendezvous.labels" -}}
app.kubernetes.io/part-of: rendezvous
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "rendezvous.image" -}}
{{ .Values.image.registry }}/{{ .name }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/*
One service's Deployment, Service and PodDisruptionBudget. Arguments: root (the chart's context),
name, port, values (the service's block), kafkaUser (its Strimzi Secret), jwt (mounts the JWT key),
database (the database login).
*/}}
{{- define "rendezvous.service" -}}
{{- $root := .root -}}
{{- $v := .values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    app.kubernetes.io/name: {{ .name }}
    {{- include "rendezvous.labels" $root | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ .name }}
        app.kubernetes.io/part-of: rendezvous
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/path: /q/metrics
        prometheus.io/port: {{ .port | quote }}
        # A changed setting rolls the pods: Quarkus reads its environment once.
        checksum/config: {{ include (print $root.Template.BasePath "/config.yaml") $root | sha256sum }}
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ .name }}
          image: {{ include "rendezvous.image" (dict "Values" $root.Values "Chart" $root.Chart "name" .name) }}
          {{- with $root.Values.image.pullPolicy }}
          imagePullPolicy: {{ . }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ .port }}
          envFrom:
            - configMapRef:
                name: rendezvous-config
          env:
            # Strimzi's Secret for this service's KafkaUser holds the whole SASL line.
            - name: KAFKA_SASL_JAAS_CONFIG
              valueFrom:
                secretKeyRef:
                  name: {{ .name }}
                  key: sasl.jaas.config
            - name: LIVEKIT_API_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ $root.Values.secrets.livekit }}
                  key: api-key
            - name: LIVEKIT_API_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ $root.Values.secrets.livekit }}
                  key: api-secret
            {{- if .database }}
            - name: DB_USER
              valueFrom:
                secretKeyRef:
                  name: {{ $root.Values.secrets.database }}
                  key: username
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $root.Values.secrets.database }}
                  key: password
            {{- end }}
          resources:
            {{- toYaml ($v.resources | default $root.Values.resources) | nindent 12 }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            failureThreshold: 2
          lifecycle:
            preStop:
              # Let endpoints drop the pod before Quarkus stops taking requests.
              exec:
                command: ["sleep", "5"]
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: kafka-ca
              mountPath: /kafka-ca
              readOnly: true
            {{- if .jwt }}
            - name: jwt
              mountPath: /jwt
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        - name: kafka-ca
          secret:
            secretName: {{ $root.Values.secrets.kafkaCa }}
            items:
              - key: ca.crt
                path: ca.crt
        {{- if .jwt }}
        - name: jwt
          secret:
            secretName: {{ $root.Values.secrets.jwt }}
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    app.kubernetes.io/name: {{ .name }}
    {{- include "rendezvous.labels" $root | nindent 4 }}
spec:
  selector:
    app.kubernetes.io/name: {{ .name }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rendezvous.labels" $root | nindent 4 }}
spec:
  minAvailable: {{ $v.pdb.minAvailable }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .name }}
{{- end -}}

{{/* A CPU autoscaler for a stateless service. Arguments: root, name, values. */}}
{{- define "rendezvous.cpuAutoscaler" -}}
{{- if .values.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "rendezvous.labels" .root | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .name }}
  minReplicas: {{ .values.autoscaling.minReplicas }}
  maxReplicas: {{ .values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .values.autoscaling.cpuUtilization }}
{{- end }}
{{- end -}}
