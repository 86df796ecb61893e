import type {
  ArchiveTag,
  HouseholdAbilities,
  HouseholdView,
  ImportJobView,
  PersonView,
  PopulationStats,
  RevealedPerson,
} from '@civicgrid/shared';
import { i18n } from '../i18n/index.ts';
import { ApiError, getData, request, sendData } from './client.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the people search asks for (empty fields are left out). */
export interface PeopleQuery {
  org?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  tag?: number;
  status?: string;
}

/** Searches the archive within the caller's scope. */
export function searchPeople(q: PeopleQuery): Promise<PersonView[]> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== '' && v !== null) params.set(k, String(v));
  return getData<PersonView[]>(`/api/people/search?${params}`);
}

/** The tags the caller may see. */
export const listArchiveTags = () => getData<ArchiveTag[]>('/api/people/tags');

/** A household page with the caller's abilities on it. */
export const getHousehold = (id: number) =>
  request<{ data: HouseholdView; abilities: HouseholdAbilities }>('GET', `/api/households/${id}`);

/** Reveals a person's ID number and phone with a reason (recorded). Keep the answer in component state only. */
export const revealPerson = (id: number, reason: string) =>
  sendData<RevealedPerson>('POST', `/api/persons/${id}/reveal`, { reason });

/** Reveals a household's contact phone with a reason (recorded). Keep the answer in component state only. */
export const revealHouseholdContact = (id: number, reason: string) =>
  sendData<{ contactPhone: string }>('POST', `/api/households/${id}/reveal`, { reason });

/** Edits a person. */
export const updatePerson = (id: number, body: Record<string, unknown>) =>
  sendData('PATCH', `/api/persons/${id}`, body);

/** Records a move out or a death. */
export const moveOutPerson = (
  id: number,
  body: { kind: 'move_out' | 'deceased'; on: string; note?: string },
) => sendData('POST', `/api/persons/${id}/move-out`, body);

/** Population counts of an org node. */
export const getPopulation = (nodeId: number) =>
  getData<PopulationStats>(`/api/org/nodes/${nodeId}/population`);

/** Uploads an .xlsx to import under an org node; the job runs in the background. */
export async function startImport(org: string, file: File): Promise<ImportJobView> {
  const res = await fetch(`/api/people/imports?org=${org}`, {
    method: 'POST',
    credentials: 'include',
    headers: {
      'Content-Type': XLSX,
      'Accept-Language': i18n.language,
      'X-File-Name': encodeURIComponent(file.name),
    },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? res.statusText);
  return body.data as ImportJobView;
}

/** An import job's progress. */
export const getImportJob = (id: number) => getData<ImportJobView>(`/api/people/imports/${id}`);

/** Saves a download the browser fetched (a clear export is a POST, so it cannot be a plain link). */
export async function downloadPost(path: string, body: unknown, fileName: string): Promise<void> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': i18n.language },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = await res.json().catch(() => null);
    throw new ApiError(
      res.status,
      err?.error?.code ?? 'HTTP',
      err?.error?.message ?? res.statusText,
      err?.error?.details,
    );
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}
