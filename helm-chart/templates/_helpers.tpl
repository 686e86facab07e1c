{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "shipmate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped name; the release name alone when it already contains the chart name. */}}
{{- define "shipmate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "shipmate.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "shipmate.commonLabels" -}}
helm.sh/chart: {{ include "shipmate.chart" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "shipmate.labels" -}}
{{ include "shipmate.commonLabels" . }}
{{ include "shipmate.selectorLabels" . }}
{{- end }}

{{- define "shipmate.redis.labels" -}}
{{ include "shipmate.commonLabels" . }}
{{ include "shipmate.redis.selectorLabels" . }}
{{- end }}

{{- define "shipmate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shipmate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: bot
{{- end }}

{{- define "shipmate.redis.fullname" -}}
{{- printf "%s-redis" (include "shipmate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "shipmate.redis.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shipmate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end }}

{{- define "shipmate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "shipmate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the pod reads tokens from: the user's, or the one this chart renders. */}}
{{- /* Where SHIPMATE_AUDIT_KEY comes from: audit.existingSecret, else existingSecret, else the chart's <fullname>-audit. */ -}}
{{- define "shipmate.auditSecretName" -}}
{{- if .Values.audit.existingSecret }}{{ .Values.audit.existingSecret }}
{{- else if .Values.existingSecret }}{{ .Values.existingSecret }}
{{- else }}{{ printf "%s-audit" (include "shipmate.fullname" .) }}
{{- end }}
{{- end }}

{{- define "shipmate.secretName" -}}
{{- default (include "shipmate.fullname" .) .Values.existingSecret }}
{{- end }}

{{- define "shipmate.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Service exists for Slack in http mode and for the ServiceMonitor in either mode. */}}
{{- define "shipmate.serviceEnabled" -}}
{{- if or (eq .Values.mode "http") .Values.metrics.serviceMonitor.enabled }}true{{ end }}
{{- end }}

{{/*
Combinations the JSON schema cannot express with a helpful message. Included from the Deployment so
a bad combination fails `helm template` / `helm install` before anything is applied.
*/}}
{{- define "shipmate.validate" -}}
{{- if and .Values.redis.bundled.enabled .Values.redis.url }}
{{- fail "redis.url and redis.bundled.enabled are mutually exclusive: set redis.bundled.enabled=false to use an external Redis" }}
{{- end }}
{{- if and (eq .Values.rbac.scope "namespaces") (empty .Values.rbac.namespaces) }}
{{- fail "rbac.scope=namespaces needs at least one entry in rbac.namespaces" }}
{{- end }}
{{- if and (not .Values.existingSecret) (not .Values.redis.bundled.enabled) (not .Values.redis.url) }}
{{- fail "Shipmate needs Redis: set redis.url, enable redis.bundled, or provide REDIS_URL through existingSecret" }}
{{- end }}
{{- end }}
