# One image for every app: APP names the one to run (see docker-compose.yml), e.g.
#   docker build -t rag-platform . && docker run -e APP=chat ... rag-platform
# The apps run from their TypeScript sources through @swc-node/register, which also resolves the
# @rag/* path aliases of tsconfig.base.json, exactly as `npm start` runs them.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /srv
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Type-checks what the image runs (swc only strips types), then drops the dev dependencies except
# the three the runtime loads TypeScript with. They move to "dependencies" and the lockfile is
# rewritten offline, which changes only their "dev" flags: every version stays the locked one.
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY infra/src ./infra/src
COPY scripts ./scripts
RUN npx tsc -p tsconfig.build.json --noEmit \
  && node -e "const fs = require('fs'); const pkg = require('./package.json'); \
      for (const name of ['@swc-node/register', '@swc/core', 'typescript']) { \
        pkg.dependencies[name] = pkg.devDependencies[name]; delete pkg.devDependencies[name]; } \
      fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2));" \
  && npm install --package-lock-only --offline --ignore-scripts --no-audit --no-fund \
  && npm prune --omit=dev --offline --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
WORKDIR /srv
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /srv/node_modules ./node_modules
COPY package.json tsconfig.base.json tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY infra/src ./infra/src
COPY scripts ./scripts
# /data holds the local blob store and the vector index (a volume in docker-compose.yml); a new
# named volume takes this folder's owner, so the apps can write there.
RUN mkdir /data && chown node:node /data
USER node
# exec: node becomes PID 1 and gets SIGTERM itself. Every app closes its server, consumers and
# pools on SIGTERM (Nest shutdown hooks) and then exits, also as PID 1 (checked in a PID
# namespace of its own), so no init process is needed.
CMD ["sh", "-c", "if [ ! -f \"apps/${APP}/src/main.ts\" ]; then echo \"APP must name a folder of apps/ (APP='${APP}')\" >&2; exit 64; fi; exec node -r @swc-node/register \"apps/${APP}/src/main.ts\""]
