/**
 * DynamoDBDocumentClient: lib-dynamodb's client over this package's DynamoDBClient. from() writes the
 * translateConfig onto the base client's config, as lib-dynamodb does (so the base client then
 * marshalls document commands the same way), and send() is the base client's: it takes document
 * commands and low-level ones alike.
 */
import type { DynamoDBClient, TranslateConfig } from "../client/client.js";

export class DynamoDBDocumentClient {
  readonly config: DynamoDBClient["config"];
  /** Runs a command (document or low-level) on the base client. */
  readonly send: DynamoDBClient["send"];

  constructor(client: DynamoDBClient, translateConfig?: TranslateConfig) {
    if (typeof client?.send !== "function" || typeof client.config !== "object") {
      throw new TypeError("do-dynamodb/lib: DynamoDBDocumentClient.from() needs a DynamoDBClient");
    }
    this.config = client.config;
    this.config.translateConfig = translateConfig;
    this.send = client.send.bind(client) as DynamoDBClient["send"];
  }

  static from(client: DynamoDBClient, translateConfig?: TranslateConfig): DynamoDBDocumentClient {
    return new DynamoDBDocumentClient(client, translateConfig);
  }

  /** Part of the SDK's client surface; the base client is left to its owner. */
  destroy(): void {}
}
