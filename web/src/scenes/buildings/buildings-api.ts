import { useQuery } from '@tanstack/react-query';
import { getData } from '../../api/client.ts';

/** GET /api/buildings?grid= */
export interface House {
  id: number;
  unit: string;
  floor: number | null;
  room: string;
  isRental: boolean;
  occupied: boolean;
}

export interface Building {
  id: number;
  gridCode: string;
  gridName: string;
  name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  houses: House[];
}

/** A grid's code has 15 digits; communities and streets have fewer. */
export const isGridCode = (code: string | undefined): code is string => !!code && code.length === 15;

/** The buildings of a grid with their houses (nothing while no grid is chosen). */
export function useBuildings(grid: string | undefined) {
  return useQuery({
    queryKey: ['buildings', grid],
    queryFn: () => getData<Building[]>(`/api/buildings?grid=${grid}`),
    enabled: isGridCode(grid),
  });
}
