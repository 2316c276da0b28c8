/** Where a follow-up attachment is stored: `files/<workspace>/<yyyy>/<id>` under the data directory. */
export const storageKey = (workspaceId: string, id: string, at = new Date()) => `files/${workspaceId}/${at.getUTCFullYear()}/${id}`;
