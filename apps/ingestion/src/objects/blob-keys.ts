/** Where an object's blobs live: everything of an object under one prefix, so deletion is checkable. */
export const blobKeys = {
  /** Every object blob of a tenant (other apps keep their blobs elsewhere under `tenants/<id>/`). */
  objects: (tenantId: string) => `tenants/${tenantId}/objects/`,
  object: (tenantId: string, objectId: string) => `tenants/${tenantId}/objects/${objectId}/`,
  source: (tenantId: string, objectId: string) => `tenants/${tenantId}/objects/${objectId}/source`,
  sidecar: (tenantId: string, objectId: string) => `tenants/${tenantId}/objects/${objectId}/sidecar.txt`,
  chunks: (tenantId: string, objectId: string) => `tenants/${tenantId}/objects/${objectId}/chunks/`,
  chunk: (tenantId: string, objectId: string, index: number) =>
    `tenants/${tenantId}/objects/${objectId}/chunks/${String(index).padStart(6, '0')}.txt`,
};
