import type { z } from 'zod';
import type { Disclaimer, SiteSettings } from '../../platform/db/schema-portal.js';
import type { disclaimerSchema, siteSettingsSchema } from './settings.schemas.js';

export function presentSiteSettings(s: SiteSettings): z.infer<typeof siteSettingsSchema> {
  return {
    name: s.name, logoFileId: s.logo_file_id, sponsor: s.sponsor, supervisor: s.supervisor, copyright: s.copyright,
    contact: s.contact, icpFiling: s.icp_filing, policeFiling: s.police_filing,
    allowedImageHosts: JSON.parse(s.allowed_image_hosts) as string[], version: s.version,
  };
}

export function presentDisclaimer(d: Disclaimer): z.infer<typeof disclaimerSchema> {
  return { id: d.id, name: d.name, body: d.body, version: d.version };
}
