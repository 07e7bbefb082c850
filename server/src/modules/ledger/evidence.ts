import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { problem } from '../../lib/problem.ts';

/** Largest evidence file (佐证材料): 20 MB. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** Types accepted by content, with the file-name extensions each may carry. */
const ACCEPTED: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  // the old Office formats share one container (Compound File Binary)
  'application/x-cfb': ['doc', 'xls', 'ppt'],
};

const refused = (code: 'evidence_too_large' | 'evidence_type_refused', message: string) =>
  problem(code, message, [{ field: 'file', message }]);

/** A checked evidence file: its type as detected from the content, size and SHA-256. */
export interface CheckedEvidence {
  filename: string;
  mime: string;
  size: number;
  sha256: string;
}

/**
 * Checks an uploaded evidence file by its content, never by its name or declared type: PDF, images
 * (JPEG, PNG, GIF, WebP) and Office files (docx, xlsx, pptx, and the old doc/xls/ppt) up to 20 MB,
 * whose name's extension matches what the content is. Anything else: 415 `evidence_type_refused`
 * (e.g. a text file renamed .pdf); too large: 413 `evidence_too_large`.
 */
export async function checkEvidence(filename: string, content: Buffer): Promise<CheckedEvidence> {
  if (content.length > MAX_EVIDENCE_BYTES) {
    throw refused(
      'evidence_too_large',
      `an evidence file may be at most ${MAX_EVIDENCE_BYTES} bytes (20 MB); this one has ${content.length}`,
    );
  }
  if (content.length === 0) throw refused('evidence_type_refused', 'the file is empty');
  const detected = await fileTypeFromBuffer(content);
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const allowed = detected ? ACCEPTED[detected.mime] : undefined;
  if (!detected || !allowed) {
    throw refused(
      'evidence_type_refused',
      `the content is ${detected ? detected.mime : 'not a recognised file type'}; evidence must be a PDF, an image or an Office file`,
    );
  }
  if (!allowed.includes(extension)) {
    throw refused(
      'evidence_type_refused',
      `the name says .${extension || '(none)'} but the content is ${detected.ext}`,
    );
  }
  return {
    filename,
    mime: detected.mime,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/** A safe Content-Disposition for a download: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
