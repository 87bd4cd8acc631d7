// Entity ids made from names (custom entities, promoted discovered names).

/** "Élodie Marchand" → "elodie-marchand"; short enough to take a "-2" suffix within the schema's 80. */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 70) || 'entity'
  );
}

/** A slug of the name that no entity uses yet. */
export function uniqueEntityId(name: string, taken: (id: string) => boolean): string {
  const base = slugify(name);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}
