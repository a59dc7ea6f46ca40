/**
 * What a file really is, from its first bytes ("magic numbers"), never from the name or the MIME type a client sent:
 * a file labelled image/png that holds HTML or PHP must not be kept as `.html`/`.php` (issue 12).
 * Signatures: JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A; GIF "GIF87a"/"GIF89a"; WebP "RIFF" + size + "WEBP";
 * HEIC/HEIF an ISO-BMFF `ftyp` box with a heic/heix/mif1/msf1/hevc brand; PDF "%PDF-"; MP4 an `ftyp` box otherwise.
 */

/** A file kind Anxin keeps, with the MIME type and extension it is stored under. */
export interface FileType {
  mime: string;
  ext: string;
}

const JPEG: FileType = { mime: 'image/jpeg', ext: '.jpg' };
const PNG: FileType = { mime: 'image/png', ext: '.png' };
const GIF: FileType = { mime: 'image/gif', ext: '.gif' };
const WEBP: FileType = { mime: 'image/webp', ext: '.webp' };
const HEIC: FileType = { mime: 'image/heic', ext: '.heic' };
const PDF: FileType = { mime: 'application/pdf', ext: '.pdf' };
const MP4: FileType = { mime: 'video/mp4', ext: '.mp4' };

/** Kept under `.bin` with this MIME type: nothing serves or opens it as what the sender claimed. */
export const UNKNOWN_FILE: FileType = { mime: 'application/octet-stream', ext: '.bin' };

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, from: number, to: number) => (b.length >= to ? b.toString('latin1', from, to) : '');

/** The type of `bytes` by signature, or undefined when it is none of the kinds Anxin accepts. */
export function sniffFileType(bytes: Buffer): FileType | undefined {
  if (starts(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return GIF;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return WEBP;
  if (ascii(bytes, 0, 5) === '%PDF-') return PDF;
  if (ascii(bytes, 4, 8) === 'ftyp') return HEIC_BRANDS.has(ascii(bytes, 8, 12)) ? HEIC : MP4;
  return undefined;
}

/** Photos a customer may send from the web chat. */
export const PHOTO_MIMES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic']);
