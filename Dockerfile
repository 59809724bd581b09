# One image for every app; APP selects which one runs (see docker-compose.yml).
FROM node:20-bookworm-slim AS deps
WORKDIR /srv
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save --no-audit --no-fund @swc-node/register@1.11.1 @swc/core@1.15.47 tsconfig-paths@4.2.0

FROM node:20-bookworm-slim
WORKDIR /srv
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=deps /srv/node_modules ./node_modules
COPY package.json tsconfig.base.json tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY infra/src ./infra/src
COPY scripts ./scripts
USER node
CMD ["sh", "-c", "exec node -r @swc-node/register apps/${APP}/src/main.ts"]
