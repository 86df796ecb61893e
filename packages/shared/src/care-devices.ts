/** The kinds of care device the registry knows (docs/care-devices.md); one list for the server and the console. */
export const DEVICE_KINDS = ['gate', 'camera', 'water_meter', 'smart_plug', 'speaker', 'button'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
/** A device's state in the health list: sending, silent past its heartbeat interval, or retired. */
export type DeviceHealth = 'ok' | 'silent' | 'retired';
