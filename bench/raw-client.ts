/**
 * A raw DynamoDB client for measuring servers: SigV4 (node:crypto, the signing key derived once per
 * day) over node:http with a keep-alive agent, no SDK. The AWS SDK's own CPU caps a Node client
 * near 1,000 requests/s on this machine, below what a fast local server can serve; this one costs
 * a fraction of that, so the measurement is of the server.
 */
import { createHash, createHmac } from "node:crypto";
import { Agent, request } from "node:http";

export interface RawAnswer {
  status: number;
  body: string;
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256Hex = (data: string) => createHash("sha256").update(data).digest("hex");

export class RawDynamoDBClient {
  readonly #url: URL;
  readonly #agent: Agent;
  readonly #region: string;
  readonly #accessKeyId: string;
  readonly #secret: string;
  #signingDay = "";
  #signingKey: Buffer = Buffer.alloc(0);

  constructor(endpoint: string, options: { region?: string; accessKeyId?: string; secretAccessKey?: string; maxSockets?: number } = {}) {
    this.#url = new URL(endpoint);
    this.#agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
    this.#region = options.region ?? "us-east-1";
    this.#accessKeyId = options.accessKeyId ?? "bench";
    this.#secret = options.secretAccessKey ?? "bench";
  }

  /**
   * Sends one operation (body: DynamoDB's JSON); resolves with the status and body text. service:
   * the X-Amz-Target prefix ("DoDynamoDB_20261207" for do-dynamodb's own operations).
   */
  send(op: string, body: string, service = "DynamoDB_20120810"): Promise<RawAnswer> {
    const headers = this.#sign(op, body, service);
    return new Promise((resolve, reject) => {
      const req = request(
        { agent: this.#agent, host: this.#url.hostname, port: this.#url.port, path: this.#url.pathname, method: "POST", headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  /** The headers of a SigV4-signed POST (host, content-type, x-amz-date, x-amz-target signed). */
  #sign(op: string, body: string, service: string): Record<string, string> {
    const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    if (day !== this.#signingDay) {
      this.#signingDay = day;
      this.#signingKey = hmac(hmac(hmac(hmac(`AWS4${this.#secret}`, day), this.#region), "dynamodb"), "aws4_request");
    }
    const target = `${service}.${op}`;
    const host = this.#url.host;
    const signed = "content-type;host;x-amz-date;x-amz-target";
    const canonical = `POST\n${this.#url.pathname}\n\ncontent-type:application/x-amz-json-1.0\nhost:${host}\nx-amz-date:${amzDate}\nx-amz-target:${target}\n\n${signed}\n${sha256Hex(body)}`;
    const scope = `${day}/${this.#region}/dynamodb/aws4_request`;
    const signature = createHmac("sha256", this.#signingKey).update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`).digest("hex");
    return {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-date": amzDate,
      "x-amz-target": target,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.#accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
      "content-length": String(Buffer.byteLength(body)),
    };
  }
}
