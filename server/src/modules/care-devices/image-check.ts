/**
 * What marks a device body as carrying image or biometric data. CivicGrid accepts only an opaque person
 * reference and a time from devices: recognition happens on the device, and no face, photo or template may
 * reach the platform, even by mistake of a vendor's firmware.
 */
const IMAGE_FIELDS =
  /^(image|images|img|photo|photos|picture|pic|face|faces|facedata|face_image|snapshot|capture|template|feature|features|biometric|biometrics|jpeg|jpg|png|base64)$/i;
/** the base64 starts of JPEG, PNG, GIF, WebP and BMP files (checked on texts longer than any reference) */
const IMAGE_TEXT = /^(\/9j\/|iVBORw0KGgo|R0lGOD|UklGR|Qk0)/;
/** a long unbroken run of base64 is a file, whatever it claims to be */
const LONG_BASE64 = /[A-Za-z0-9+/=_-]{512,}/;

/** The JSON path of the first image-like field or value in a parsed body, or null when there is none. */
export function imageDataIn(value: unknown, path = ''): string | null {
  if (typeof value === 'string') {
    const s = value.trimStart();
    const image = /^data:/i.test(s) || (s.length > 64 && IMAGE_TEXT.test(s)) || LONG_BASE64.test(s);
    return image ? path || '/' : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = imageDataIn(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (IMAGE_FIELDS.test(k.replace(/[-\s]/g, '_'))) return `${path}/${k}`;
      const found = imageDataIn(v, `${path}/${k}`);
      if (found) return found;
    }
  }
  return null;
}
