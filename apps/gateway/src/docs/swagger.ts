import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI generated from the controllers and @rag/api DTOs: UI at /docs, JSON at /docs-json. */
export function setupDocs(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('RAG platform API')
    .setDescription(
      'Multi-tenant RAG platform. Authenticate with `Authorization: Bearer <api key>`. Errors are ' +
        '`{ "error": { "code", "message", "details" } }`; lists are keyset-paginated (`?limit=&cursor=`).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a tenant key (read, write, admin) or a system key' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
