/**
 * SigV4-signs DynamoDB requests with the AWS SDK's own signer (@smithy/signature-v4, what
 * @aws-sdk/client-dynamodb uses), for tests of the verifier and of the Worker's authentication.
 */
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

/** The hash constructor SignatureV4 expects (SHA-256, or HMAC-SHA-256 when given a secret). */
class NodeSha256 {
  readonly #hash;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) this.#hash = createHash("sha256");
    else {
      const key =
        typeof secret === "string"
          ? secret
          : secret instanceof ArrayBuffer
            ? Buffer.from(secret)
            : Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
      this.#hash = createHmac("sha256", key);
    }
  }
  update(data: string | Uint8Array): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

export interface SignInput {
  /** Endpoint, e.g. http://127.0.0.1:8000/orders (the query string is signed too). */
  url: URL | string;
  op: string;
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** Signing time; now when absent. */
  date?: Date;
  /** More headers to sign (e.g. x-amz-content-sha256). */
  headers?: Record<string, string>;
  method?: string;
}

/** The headers of a signed DynamoDB request (Authorization, X-Amz-Date, host and the rest). */
export async function signDynamoDBRequest(input: SignInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const had = query[k];
    query[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
  }
  const signer = new SignatureV4({
    service: "dynamodb",
    region: input.region ?? "us-east-1",
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    sha256: NodeSha256 as never,
    applyChecksum: false, // as the DynamoDB client: no x-amz-content-sha256 unless asked for
  });
  const signed = await signer.sign(
    {
      method: input.method ?? "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: {
        host: url.host,
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `DynamoDB_20120810.${input.op}`,
        ...input.headers,
      },
      body: input.body,
    },
    { signingDate: input.date ?? new Date() },
  );
  return signed.headers as Record<string, string>;
}

/** A signed Request object (for calling a handler directly). */
export async function signedRequest(input: SignInput): Promise<Request> {
  const headers = await signDynamoDBRequest(input);
  return new Request(String(input.url), { method: input.method ?? "POST", headers, body: input.body });
}

/** POSTs a signed request to a running Worker; returns status and parsed JSON body. */
export async function postSigned(input: SignInput): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = await signDynamoDBRequest(input);
  delete headers.host; // fetch sets Host itself, to the same value
  const res = await fetch(input.url, { method: "POST", headers, body: input.body });
  const text = await res.text();
  return { status: res.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}
