/**
 * How an object reaches the other objects of its database from inside itself (transaction
 * recovery, splits): the Durable Object namespace binding it belongs to, found among its
 * environment's bindings by its own name, in its jurisdiction.
 */

/** An object as another object of the database reaches it. */
export interface PeerStub {
  routerHandle(op: string, body: string, from?: unknown): Promise<{ status: number; body: string }> | { status: number; body: string };
}

export interface PeerNamespace {
  idFromName(name: string): { equals(other: unknown): boolean };
  get(id: unknown): PeerStub;
  jurisdiction?(j: string): PeerNamespace;
}

function isNamespace(v: unknown): v is PeerNamespace {
  return typeof v === "object" && v !== null && typeof (v as PeerNamespace).idFromName === "function" && typeof (v as PeerNamespace).get === "function";
}

/** The binding in env whose object named `name` (in `jurisdiction`) is the object with id `id`; null if none. */
export function ownNamespace(env: unknown, id: unknown, name: string, jurisdiction: string | null): PeerNamespace | null {
  for (const value of Object.values((env ?? {}) as Record<string, unknown>)) {
    if (!isNamespace(value)) continue;
    try {
      const ns = jurisdiction && value.jurisdiction ? value.jurisdiction(jurisdiction) : value;
      if (ns.idFromName(name).equals(id)) return ns;
    } catch {
      // not a namespace this object could be in
    }
  }
  return null;
}
