{{/*
The Kubernetes API calls Shipmate's operations make (helm-chart/ci/required-api-calls.json lists them
and test/integration/helm/chart.test.ts checks these rules grant exactly that, nothing broader).
Nothing here writes Secrets or deletes anything: drain evicts through pods/eviction.
*/}}

{{/* Namespaced rules: a ClusterRole in cluster scope, a Role per namespace otherwise. */}}
{{- define "shipmate.rbac.namespacedRules" -}}
# status/history/rollback/upgrade/restart: read, watch and patch the workloads.
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets"]
  verbs: ["get", "list", "watch", "patch"]
# scale goes through the scale subresource (GET + PUT with resourceVersion for the precondition).
- apiGroups: ["apps"]
  resources: ["deployments/scale", "statefulsets/scale"]
  verbs: ["get", "patch", "update"]
# Rollout history: ReplicaSets (Deployments) and ControllerRevisions (StatefulSets, DaemonSets).
- apiGroups: ["apps"]
  resources: ["replicasets", "controllerrevisions"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
# drain evicts (PDB-aware) instead of deleting pods.
- apiGroups: [""]
  resources: ["pods/eviction"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["pods/ephemeralcontainers"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["resourcequotas", "limitranges"]
  verbs: ["get", "list"]
# Helm release history and TLS expiry. RBAC cannot narrow by Secret type; Shipmate never shows
# Secret data and never writes Secrets.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list"]
# Helm release records stored as ConfigMaps (HELM_DRIVER=configmap); labels owner=helm select them.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["list"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list"]
# preflight: kubectl's last-applied-configuration on these kinds shows removed API versions in use.
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["list"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list"]
# GitOps diff reads the live objects the owner lists.
- apiGroups: [""]
  resources: ["services", "configmaps"]
  verbs: ["get"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses", "networkpolicies"]
  verbs: ["list"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["list"]
{{- if .Values.rbac.certManager }}
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "list", "watch"]
{{- end }}
{{- if .Values.rbac.argo }}
- apiGroups: ["argoproj.io"]
  resources: ["applications", "rollouts"]
  verbs: ["get", "list", "watch", "patch"]
# GitOps sync/rollback/suspend/resume: Argo CD's SetAppOperation is a PUT with the resourceVersion read.
- apiGroups: ["argoproj.io"]
  resources: ["applications"]
  verbs: ["update"]
# Argo Rollouts promote/abort/retry write the status subresource.
- apiGroups: ["argoproj.io"]
  resources: ["rollouts/status"]
  verbs: ["patch"]
{{- end }}
{{- if .Values.rbac.flux }}
# GitOps on Flux: read status/history, reconcile (requestedAt annotation), suspend/resume (spec.suspend).
- apiGroups: ["kustomize.toolkit.fluxcd.io"]
  resources: ["kustomizations"]
  verbs: ["get", "patch"]
- apiGroups: ["helm.toolkit.fluxcd.io"]
  resources: ["helmreleases"]
  verbs: ["get", "patch"]
- apiGroups: ["source.toolkit.fluxcd.io"]
  resources: ["gitrepositories"]
  verbs: ["get", "patch"]
{{- end }}
{{- end }}

{{/* Velero Backups live in Velero's namespace, whatever namespaces they back up. */}}
{{- define "shipmate.rbac.veleroRules" -}}
- apiGroups: ["velero.io"]
  resources: ["backups"]
  verbs: ["create", "get", "list", "watch"]
# The plan names the default BackupStorageLocation (the one Velero validates the backup against).
- apiGroups: ["velero.io"]
  resources: ["backupstoragelocations"]
  verbs: ["list"]
{{- end }}

{{/* Cluster-scoped objects. Empty when nothing cluster-scoped is needed. */}}
{{- define "shipmate.rbac.clusterScopedRules" -}}
{{- if .Values.rbac.nodes }}
# cordon/uncordon/drain, preflight node versions.
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list", "patch"]
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get", "list"]
{{- end }}
{{- if or .Values.rbac.velero .Values.rbac.certManager .Values.rbac.argo }}
# "Is this CRD installed?" before using an optional API group.
- apiGroups: ["apiextensions.k8s.io"]
  resources: ["customresourcedefinitions"]
  verbs: ["get", "list"]
{{- end }}
{{- end }}
