/** The same nested keys as T with string leaves: keeps every translation in step with the Chinese one. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
