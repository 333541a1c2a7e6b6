/** A multipart form as the web app sends an upload: its fields, and the file in the part `file` (for the portal's tests). */
export function form(fields: Record<string, string | number>, file: { bytes: Buffer; name: string }): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  fd.append('file', new Blob([file.bytes]), file.name);
  return fd;
}
