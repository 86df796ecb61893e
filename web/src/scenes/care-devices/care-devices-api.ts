import type { DeviceHealth, DeviceKind } from '@civicgrid/shared';
import { getData, query, sendData } from '../../api/client.ts';

/** A device as the registry lists it (never its key). */
export interface Device {
  id: number;
  kind: DeviceKind;
  name: string;
  orgCode: string;
  orgName: string;
  buildingId: number | null;
  buildingName: string | null;
  location: string;
  lng: number | null;
  lat: number | null;
  owner: string;
  refGroup: string | null;
  heartbeatSeconds: number;
  lastHeartbeatAt: string | null;
  lastSightingAt: string | null;
  silentSince: string | null;
  retiredAt: string | null;
  health: DeviceHealth;
  refCount: number;
}

/** A person reference: the token the device sends and the person's number, never a name. */
export interface PersonRef {
  id: number;
  ref: string;
  personId: number;
  gridName: string;
}

/** The fields of the register and edit forms. */
export interface DeviceForm {
  kind: DeviceKind;
  name: string;
  org: string;
  location?: string;
  owner?: string;
  refGroup?: string;
  heartbeatSeconds?: number;
}

export const fetchDevices = (f: { health?: DeviceHealth; org?: string }) =>
  getData<Device[]>(`/api/care-devices${query(f)}`);
export const createDevice = (v: DeviceForm) =>
  sendData<Device & { key: string }>('POST', '/api/care-devices', v);
export const editDevice = (id: number, v: Omit<DeviceForm, 'kind' | 'org'>) =>
  sendData<Device>('PATCH', `/api/care-devices/${id}`, v);
export const retireDevice = (id: number) => sendData<Device>('POST', `/api/care-devices/${id}/retire`);
export const fetchRefs = (id: number) => getData<PersonRef[]>(`/api/care-devices/${id}/refs`);
export const addRef = (id: number, v: { ref: string; personId: number }) =>
  sendData<{ id: number }>('POST', `/api/care-devices/${id}/refs`, v);
export const removeRef = (id: number, refId: number) =>
  sendData('DELETE', `/api/care-devices/${id}/refs/${refId}`);

/** Tag colours of the health states: silent devices stand out. */
export const HEALTH_COLOR: Record<DeviceHealth, string> = { ok: 'green', silent: 'red', retired: 'default' };
